using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Sessions;

/// <summary>
/// A handler that saves or cycles the session itself and then changes, in place, a value it read before is saved by
/// the request's commit: its own save does not hide what it changes afterwards.
/// </summary>
public sealed class ChangesAfterExplicitSaveTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(app =>
    {
        app.MapPost("/save-then-add", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            var cart = session.Get<List<string>>("cart")!;
            cart.Add("milk");
            await session.SaveAsync();
            cart.Add("bread");
        });
        app.MapPost("/cycle-then-add", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            var cart = session.Get<List<string>>("cart")!;
            await session.CycleKeyAsync();
            cart.Add("bread");
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_value_changed_in_place_after_the_handlers_own_save_is_saved_at_the_end_of_the_request()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("cart", new List<string> { "tea" }));

        await _server.SendAsync(HttpMethod.Post, "/save-then-add", $"sessionid={key}");

        Assert.Equal(["Load", "Update", "Update"], _server.Store.Calls);
        Assert.Equal(new Dictionary<string, string> { ["cart"] = """["tea","milk","bread"]""" }, _server.Store.LastUpdate!.Changed);
        Assert.Equal(["tea", "milk", "bread"], (await _server.Manager.OpenAsync(key)).Get<List<string>>("cart"));
    }

    [Fact]
    public async Task A_value_changed_in_place_after_the_handlers_key_cycle_is_saved_under_the_new_key()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("cart", new List<string> { "tea" }));

        var response = await _server.SendAsync(HttpMethod.Post, "/cycle-then-add", $"sessionid={key}");

        Assert.Equal(["Load", "Create", "Delete", "Update"], _server.Store.Calls);
        Assert.Equal(["tea", "bread"], (await _server.Manager.OpenAsync(response.SessionKey())).Get<List<string>>("cart"));
        Assert.False(await _server.Manager.ExistsAsync(key));
    }
}
