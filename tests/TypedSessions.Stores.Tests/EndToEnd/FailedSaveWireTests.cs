using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// A save that fails (here: over <see cref="TypedSessionsOptions.MaxSessionSize"/>) on a real Kestrel server, seen on
/// the wire: the failure is one well-formed response, nothing follows it, and the next response on the same keep-alive
/// connection starts cleanly. On every store; store outages on the wire are in the Faults folder.
/// </summary>
public abstract class FailedSaveWireTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    /// <summary>Registers the store under test (and skips the test, by throwing, when its server is unavailable).</summary>
    protected abstract void AddStore(TypedSessionsBuilder builder);

    [SkippableFact]
    public async Task A_minimal_api_value_whose_save_fails_becomes_one_clean_500_and_the_connection_stays_usable()
    {
        await using var app = await StartAsync();
        await using var connection = await app.ConnectAsync();

        var failed = await connection.SendAsync("POST", "/big");
        await connection.AssertNoStrayBytesAsync(Quiet);
        var next = await connection.SendAsync("GET", "/ping");

        Assert.Equal(500, failed.StatusCode);
        Assert.DoesNotContain("42", failed.BodyText);
        Assert.Empty(failed.GetValues("Set-Cookie"));
        Assert.Equal(200, next.StatusCode);
        Assert.Equal("pong", next.BodyText);
        Assert.False(connection.ServerClosed);
    }

    [SkippableFact]
    public async Task A_handler_writing_its_own_body_keeps_it_framed_when_the_save_fails()
    {
        await using var app = await StartAsync();
        await using var connection = await app.ConnectAsync();

        var failed = await connection.SendAsync("POST", "/big-streamed");
        await connection.AssertNoStrayBytesAsync(Quiet);
        var next = await connection.SendAsync("GET", "/ping");

        Assert.Equal(500, failed.StatusCode);
        Assert.Equal("streamed", failed.BodyText);
        Assert.Empty(failed.GetValues("Set-Cookie"));
        Assert.Equal(200, next.StatusCode);
        Assert.Equal("pong", next.BodyText);
    }

    private Task<KestrelTestApp> StartAsync() => KestrelTestApp.StartAsync(
        AddStore,
        app =>
        {
            app.MapGet("/ping", () => "pong");
            app.MapPost("/big", async (HttpContext context) =>
            {
                (await context.GetSessionAsync()).Set("big", new string('x', 500));
                return 42;
            }).WithSessionLoaded();
            app.MapPost("/big-streamed", async (HttpContext context) =>
            {
                (await context.GetSessionAsync()).Set("big", new string('x', 500));
                await context.Response.WriteAsync("streamed");
            });
        },
        configureSessions: options => options.MaxSessionSize = 200);
}
