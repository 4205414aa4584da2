using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// A session attached on its first use, over one keep-alive Kestrel connection whose requests share one deferred
/// <c>HttpContext.Session</c> feature: each request sees its own session, whichever way it first reaches it, and a
/// request that never touches the session leaves no trace.
/// </summary>
public sealed class DeferredSessionWireTests : IAsyncLifetime
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private KestrelTestApp _app = null!;

    public async Task InitializeAsync() => _app = await KestrelTestApp.StartAsync(
        sessions => sessions.AddMemoryStore(),
        app =>
        {
            app.MapGet("/plain", () => "plain");
            app.MapPost("/aspnet/{value}", async (HttpContext context, string value) =>
            {
                await context.Session.LoadAsync();
                context.Session.SetString("who", value);
            });
            app.MapGet("/aspnet", async (HttpContext context) =>
            {
                await context.Session.LoadAsync();
                return context.Session.GetString("who") ?? "nobody";
            });
            app.MapPost("/typed/{value}", async (HttpContext context, string value) => (await context.GetSessionAsync()).Set("who", value));
            app.MapGet("/typed", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("who") ?? "nobody");
            app.MapGet("/late", async (HttpContext context) =>
            {
                await context.Response.WriteAsync("started");
#pragma warning disable TS0102 // The change after the response started is what this endpoint is for.
                (await context.GetSessionAsync()).Set("who", "late");
#pragma warning restore TS0102
            });
        });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Each_request_on_a_connection_gets_its_own_session_on_first_use()
    {
        await using var connection = await _app.ConnectAsync();

        var plain = await connection.SendAsync("GET", "/plain");
        var first = await connection.SendAsync("POST", "/aspnet/first");
        var stranger = await connection.SendAsync("GET", "/aspnet");
        var cookie = Assert.Single(first.GetValues("Set-Cookie")).Split(';')[0];
        var returning = await connection.SendAsync("GET", "/aspnet", [("Cookie", cookie)]);
        var second = await connection.SendAsync("POST", "/typed/second");
        var secondCookie = Assert.Single(second.GetValues("Set-Cookie")).Split(';')[0];
        var secondSeen = await connection.SendAsync("GET", "/typed", [("Cookie", secondCookie)]);
        await connection.AssertNoStrayBytesAsync(Quiet);

        Assert.Equal((200, "plain"), (plain.StatusCode, plain.BodyText));
        Assert.Empty(plain.GetValues("Set-Cookie"));
        Assert.Empty(plain.GetValues("Vary"));
        Assert.Equal(200, first.StatusCode);
        Assert.Equal((200, "nobody"), (stranger.StatusCode, stranger.BodyText));
        Assert.Empty(stranger.GetValues("Set-Cookie"));
        Assert.Equal((200, "first"), (returning.StatusCode, returning.BodyText));
        Assert.NotEqual(cookie, secondCookie);
        Assert.Equal((200, "second"), (secondSeen.StatusCode, secondSeen.BodyText));
    }

    [Fact]
    public async Task A_session_first_touched_after_the_response_started_changes_nothing_and_breaks_nothing()
    {
        await using var connection = await _app.ConnectAsync();

        var late = await connection.SendAsync("GET", "/late");
        var next = await connection.SendAsync("GET", "/plain");
        await connection.AssertNoStrayBytesAsync(Quiet);

        Assert.Equal((200, "started"), (late.StatusCode, late.BodyText));
        Assert.Empty(late.GetValues("Set-Cookie"));
        Assert.Equal((200, "plain"), (next.StatusCode, next.BodyText));
        Assert.Equal(RawHttpConnectionState.Open, connection.State);
    }
}
