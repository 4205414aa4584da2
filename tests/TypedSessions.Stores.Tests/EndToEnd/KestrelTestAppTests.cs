using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// A real Kestrel app with the real session middleware, spoken to over one <see cref="RawHttpConnection"/>: what
/// Kestrel writes parses as exactly one response each time, and nothing is left over between responses.
/// </summary>
public sealed class KestrelTestAppTests : IAsyncLifetime
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private readonly FakeLogCollector _logs = new();
    private KestrelTestApp _app = null!;

    public async Task InitializeAsync() => _app = await KestrelTestApp.StartAsync(
        sessions => sessions.AddMemoryStore(),
        app =>
        {
            app.MapPost("/set/{name}/{value:int}", async (HttpContext context, string name, int value) => (await context.GetSessionAsync()).Set(name, value));
            app.MapGet("/get/{name}", async (HttpContext context, string name) => (await context.GetSessionAsync()).Get<int>(name));
            app.MapGet("/chunked", async (HttpContext context) =>
            {
                // Flushing before the end, with no Content-Length set, makes Kestrel chunk the body.
                await context.Response.WriteAsync("hello ");
                await context.Response.Body.FlushAsync();
                await context.Response.WriteAsync("world");
            });
            app.MapGet("/cookies", (HttpContext context) =>
            {
                context.Response.Cookies.Append("a", "1");
                context.Response.Cookies.Append("b", "2");
            });
            app.MapPost("/echo", async (HttpContext context) => await context.Request.Body.CopyToAsync(context.Response.Body));
            app.MapGet("/slow", async () =>
            {
                await Task.Delay(200);
                return "done";
            });
            app.MapGet("/log", (ILogger<KestrelTestAppTests> logger) => logger.LogWarning(new EventId(42, "Probe"), "probe {Value}", 7));
        },
        new FakeLoggerProvider(_logs));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_app_listens_on_a_loopback_port_of_its_own()
    {
        Assert.Equal("127.0.0.1", _app.BaseAddress.Host);
        Assert.NotEqual(0, _app.Port);

        using var client = _app.CreateClient();
        using var response = await client.PostAsync("/set/a/1", content: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Two_requests_on_one_connection_both_parse_and_carry_the_session()
    {
        await using var connection = await _app.ConnectAsync();

        var set = await connection.SendAsync("POST", "/set/count/5");
        await connection.AssertNoStrayBytesAsync(Quiet);
        var cookie = Assert.Single(set.GetValues("Set-Cookie")).Split(';')[0];
        var get = await connection.SendAsync("GET", "/get/count", [("Cookie", cookie)]);

        Assert.Equal(200, set.StatusCode);
        Assert.Equal(200, get.StatusCode);
        Assert.Equal("5", get.BodyText);
        await connection.AssertNoStrayBytesAsync(Quiet);
        Assert.Equal(RawHttpConnectionState.Open, connection.State);
    }

    [Fact]
    public async Task A_chunked_response_parses_and_the_connection_stays_usable()
    {
        await using var connection = await _app.ConnectAsync();

        var chunked = await connection.SendAsync("GET", "/chunked");
        var next = await connection.SendAsync("POST", "/echo", body: "again"u8.ToArray());

        Assert.True(chunked.IsChunked, chunked.ToString());
        Assert.Equal("hello world", chunked.BodyText);
        Assert.Equal("again", next.BodyText);
        await connection.AssertNoStrayBytesAsync(Quiet);
    }

    [Fact]
    public async Task Set_cookie_fields_are_kept_apart()
    {
        await using var connection = await _app.ConnectAsync();

        var response = await connection.SendAsync("GET", "/cookies");

        Assert.Equal(["a=1; path=/", "b=2; path=/"], response.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Pipelined_requests_get_their_responses_in_order()
    {
        await using var connection = await _app.ConnectAsync();

        await connection.WriteRequestAsync("POST", "/echo", body: "first"u8.ToArray());
        await connection.WriteRequestAsync("POST", "/echo", body: "second"u8.ToArray());

        Assert.Equal("first", (await connection.ReadResponseAsync()).BodyText);
        Assert.Equal("second", (await connection.ReadResponseAsync()).BodyText);
        await connection.AssertNoStrayBytesAsync(Quiet);
    }

    [Fact]
    public async Task Elapsed_covers_the_time_the_app_takes()
    {
        await using var connection = await _app.ConnectAsync();

        var response = await connection.SendAsync("GET", "/slow");

        Assert.Equal("done", response.BodyText);
        Assert.InRange(response.Elapsed, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_connection_the_client_asks_to_close_is_reported_closed()
    {
        await using var connection = await _app.ConnectAsync();

        var response = await connection.SendAsync("GET", "/get/x", [("Connection", "close")]);
        await connection.AssertNoStrayBytesAsync(TimeSpan.FromSeconds(5));

        Assert.True(response.ConnectionClose);
        Assert.Equal(RawHttpConnectionState.ClosedByServer, connection.State);
        await Assert.ThrowsAsync<EndOfStreamException>(() => connection.ReadResponseAsync());
    }

    [Fact]
    public async Task The_app_logs_reach_the_callers_provider()
    {
        await using var connection = await _app.ConnectAsync();

        Assert.Equal(200, (await connection.SendAsync("GET", "/log")).StatusCode);

        var entry = Assert.Single(_logs.GetSnapshot(), log => log.Category == typeof(KestrelTestAppTests).FullName);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(42, entry.Id.Id);
        Assert.Equal("probe 7", entry.Message);
    }
}
