using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TypedSessions.Stores.Tests.EndToEnd;
using TypedSessions.Stores.Tests.Infrastructure;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>
/// The session middleware on real Kestrel over a real store server that the tests freeze (SIGSTOP) and stop, as a
/// hung or crashed store would be: session requests answer 200 or a documented 503 within the store timeout, the
/// connection stays well framed, requests fail fast while the store is down, the app recovers by itself, and no write
/// the client was told succeeded is lost. Each store's subclass registers the store over its own server (one per class);
/// each test starts from a running server and leaves it running.
/// </summary>
public abstract partial class StoreFaultTests : IAsyncLifetime
{
    /// <summary>Short, so that outages are quick to provoke (the default is 5 s).</summary>
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The slack any response gets beyond the store timeout (a failed call's probe, a loaded machine).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(1.5);

    /// <summary>How long a connection must stay silent after a response for no stray byte to follow it.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(200);

    /// <summary>A response that takes longer fails its test as a hang (a TimeoutException) rather than blocking it.</summary>
    private static readonly TimeSpan ReadTimeout = StoreTimeout + TimeSpan.FromSeconds(10);

    /// <summary>How long the app may take to serve sessions again once the store is back.</summary>
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(15);

    private readonly ControllableServer _server;
    private readonly ITestOutputHelper _output;
    private readonly List<KestrelTestApp> _apps = [];

    private readonly FakeLogCollector _logs = new();

    protected StoreFaultTests(ControllableServer server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
    }

    /// <summary>Whether committed sessions survive the store's stop and restart (PostgreSQL yes, Redis without persistence no).</summary>
    protected abstract bool CommittedDataSurvivesRestart { get; }

    public Task InitializeAsync() => _server.EnsureRunningAsync();

    public async Task DisposeAsync()
    {
        // A failed test may leave the store down, which would hold up the app's shutdown on its stuck calls.
        if (_server.UnavailableReason is null)
        {
            await _server.EnsureRunningAsync();
        }

        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Registers the store on the class's server.</summary>
    protected abstract void AddStore(TypedSessionsBuilder sessions);

    private async Task<KestrelTestApp> StartAppAsync()
    {
        var app = await KestrelTestApp.StartAsync(
            AddStore,
            FaultTestEndpoints.Map,
            new FakeLoggerProvider(_logs),
            sessions => sessions.StoreTimeout = StoreTimeout,
            // The library's own entries at every level, the framework's (a few per request) from Warning up.
            services => services.Configure<LoggerFilterOptions>(filters => filters.AddFilter("Microsoft", LogLevel.Warning)));
        _apps.Add(app);

        // A cold app's first store calls (connecting, preparing statements or scripts, JIT) can take about as long as
        // the short store timeout, and on a busy machine longer, which would open the breaker before the test begins:
        // warm every store call up first, so that the only outage a test sees is the one it provokes.
        await Eventually.SucceedsAsync(
            async () =>
            {
                await using var connection = await app.ConnectAsync(ReadTimeout);
                var cookie = SessionCookieOf(await SendOkAsync(connection, "POST", "/count"));
                await SendOkAsync(connection, "POST", "/count", cookie);
                Assert.Equal("2", (await SendOkAsync(connection, "GET", "/count", cookie)).BodyText);
                await SendOkAsync(connection, "POST", "/streamed", cookie);
            },
            RecoveryTimeout);
        return app;
    }

    /// <summary>Sends a request that must succeed.</summary>
    private static async Task<RawHttpResponse> SendOkAsync(
        RawHttpConnection connection, string method, string path, string? cookie = null)
    {
        var response = await connection.SendAsync(method, path, cookie is null ? null : [("Cookie", cookie)]);
        Assert.True(response.StatusCode == 200, $"{method} {path}: expected 200:\n{response}\n{response.BodyText}");
        return response;
    }

    /// <summary>The session cookie (<c>sessionid=…</c>) a response set.</summary>
    private static string SessionCookieOf(RawHttpResponse response) =>
        Assert.Single(response.GetValues("Set-Cookie"), value => value.StartsWith(TypedSessionsOptions.DefaultCookieName + "=", StringComparison.Ordinal))
            .Split(';')[0];

    /// <summary>What the session holds now, read without changing it.</summary>
    private static async Task<int> ReadCountAsync(KestrelTestApp app, string cookie)
    {
        await using var connection = await app.ConnectAsync(ReadTimeout);
        return int.Parse((await SendOkAsync(connection, "GET", "/count", cookie)).BodyText, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Nothing follows the last response on <paramref name="connection"/>, and the next request on it gets a clean
    /// response of its own.
    /// </summary>
    private static async Task AssertNextResponseStartsCleanlyAsync(RawHttpConnection connection)
    {
        await connection.AssertNoStrayBytesAsync(Quiet);
        Assert.Equal(RawHttpConnectionState.Open, connection.State);
        var ping = await SendOkAsync(connection, "GET", "/ping");
        Assert.Equal("pong", ping.BodyText);
        await connection.AssertNoStrayBytesAsync(Quiet);
    }

    /// <summary>Once the store is back, the same connection gets session requests served again.</summary>
    private async Task<TimeSpan> AssertRecoversOnAsync(RawHttpConnection connection, string path)
    {
        var started = DateTime.UtcNow;
        await Eventually.SucceedsAsync(() => SendOkAsync(connection, "POST", path), RecoveryTimeout);
        var recovery = DateTime.UtcNow - started;
        await AssertNextResponseStartsCleanlyAsync(connection);
        return recovery;
    }

    /// <summary>
    /// A failed call makes the engine probe the store; once that probe has failed too, the outage is known and requests
    /// fail at once. Until then each request still tries the store (one slow call must not fail everyone).
    /// </summary>
    /// <remarks>
    /// A wait, not a bound: it returns as soon as the outage is logged. Finding the store down takes a call's timeout and
    /// then the probe's, on timers that a loaded machine runs late; a store that answered again before then would be
    /// found up, rightly, and no outage would ever be logged.
    /// </remarks>
    private async Task WaitUntilTheOutageIsKnownAsync()
        => await Eventually.SucceedsAsync(
            Check(() => Assert.Contains(_logs.GetSnapshot(), entry => entry.Id.Id == OutageLog.StoreUnavailableId)),
            RecoveryTimeout);

    /// <summary>As <see cref="WaitUntilTheOutageIsKnownAsync()"/>, for the outage of <paramref name="log"/>'s window.</summary>
    private static async Task WaitUntilTheOutageIsKnownAsync(OutageLog log)
        => await Eventually.SucceedsAsync(
            Check(() => Assert.True(log.StoreUnavailable >= 1, $"No StoreUnavailable entry in the window:\n{log.Describe()}")),
            RecoveryTimeout);

    /// <summary>For <see cref="Eventually"/>: a check of what has happened so far.</summary>
    private static Func<Task> Check(Action assert) => () =>
    {
        assert();
        return Task.CompletedTask;
    };

    private void Report(string line) => _output.WriteLine($"[{GetType().Name}] {line}");

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:0} ms";
}
