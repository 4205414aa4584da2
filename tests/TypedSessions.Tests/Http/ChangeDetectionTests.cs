using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>What a handler asks the session about its changes never hides a change made after the question.</summary>
public sealed class ChangeDetectionTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(app =>
    {
        app.MapGet("/ask-then-change", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            var list = session.Get<List<int>>("list")!;
            _ = session.IsModified;
            _ = session.IsEmpty;
            list.Add(2);
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_value_changed_in_place_after_IsModified_was_read_is_still_saved()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("list", new List<int> { 1 }));

        await _server.GetAsync("/ask-then-change", $"sessionid={key}");

        Assert.Equal([1, 2], (await _server.Manager.OpenAsync(key)).Get<List<int>>("list"));
    }
}
