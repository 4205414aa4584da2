using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Typed;

/// <summary>[SessionState] classes as minimal API and MVC parameters, loaded asynchronously before the handler.</summary>
public sealed class TypedBindingTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(
        app =>
        {
            app.MapPost("/basket/items/{item}", (string item, Basket basket) =>
            {
                basket.Items.Add(item);
                basket.Count++;
                return basket.Count;
            });
            app.MapGet("/basket", (Basket basket) => $"{basket.Count}:{string.Join(",", basket.Items)}");
            app.MapGet("/basket/via-context", async Task<string> (HttpContext context) => (await context.GetSessionStateAsync<Basket>()).Count.ToString());
            app.MapGet("/basket/untouched", (Basket basket) => "ok");
            app.MapControllers();
        },
        services: services => services.AddControllers().AddApplicationPart(typeof(TypedBindingTests).Assembly));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Minimal_api_parameter_is_loaded_before_the_handler_and_changes_are_saved()
    {
        var first = await _server.SendAsync(HttpMethod.Post, "/basket/items/tea");
        var key = first.SessionKey();
        await _server.SendAsync(HttpMethod.Post, "/basket/items/coffee", $"sessionid={key}");

        var read = await _server.GetAsync("/basket", $"sessionid={key}");

        Assert.Equal("2:tea,coffee", await read.Content.ReadAsStringAsync());
        Assert.Empty(read.SetCookies());
    }

    [Fact]
    public void Generated_class_binds_through_its_interface_and_adds_no_public_member()
    {
        // The binding above goes through ISessionState<T>'s explicit BindAsync: nothing public is added to user types.
        var declared = typeof(Basket).GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly);
        Assert.Empty(declared
            .Where(static member => member is not System.Reflection.PropertyInfo and not System.Reflection.MethodInfo { IsSpecialName: true })
            .Select(static member => member.Name));
        Assert.True(typeof(IBindableFromHttpContext<Basket>).IsAssignableFrom(typeof(Basket)));
    }

    [Fact]
    public async Task Minimal_api_parameter_read_only_writes_nothing()
    {
        var key = await _server.SeedSessionAsync(session => session.GetState<Basket>().Items.Add("tea"));
        var response = await _server.GetAsync("/basket", $"sessionid={key}");
        Assert.Equal("0:tea", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Load"], _server.Store.Calls);
        Assert.Empty(response.SetCookies());
    }

    [Fact]
    public async Task Parameter_that_is_never_touched_sends_no_vary_and_writes_nothing()
    {
        var key = await _server.SeedSessionAsync();
        var response = await _server.GetAsync("/basket/untouched", $"sessionid={key}");
        Assert.Empty(response.SetCookies());
        Assert.Empty(response.Vary());
        Assert.Equal(["Load"], _server.Store.Calls);
    }

    [Fact]
    public async Task GetSessionStateAsync_returns_the_typed_view()
    {
        var key = await _server.SeedSessionAsync(session => session.GetState<Basket>().Count = 9);
        var response = await _server.GetAsync("/basket/via-context", $"sessionid={key}");
        Assert.Equal("9", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_controller_binds_session_state_from_the_session_not_the_body()
    {
        var first = await _server.SendAsync(HttpMethod.Post, "/api/basket/items?item=tea");
        Assert.Equal("1", await first.Content.ReadAsStringAsync());
        var key = first.SessionKey();
        await _server.SendAsync(HttpMethod.Post, "/api/basket/items?item=coffee", $"sessionid={key}");

        var list = await _server.GetAsync("/api/basket/items", $"sessionid={key}");

        Assert.Equal("tea,coffee", await list.Content.ReadAsStringAsync());
    }
}
