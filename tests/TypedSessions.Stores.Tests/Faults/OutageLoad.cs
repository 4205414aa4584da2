using System.Collections.Concurrent;
using System.Diagnostics;
using TypedSessions.Stores.Tests.EndToEnd;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>
/// Concurrent clients, each on a keep-alive <see cref="RawHttpConnection"/> of its own (so that every response is also
/// checked for framing): session clients send <c>POST /count</c> with the cookie of their own session, ping clients
/// send <c>GET /ping</c>, each with a short pause between requests and a bounded number of them, until stopped. A
/// response that does not parse, or does not come within the read timeout, ends its client with that exception, which
/// <see cref="StopAsync"/> rethrows.
/// </summary>
internal sealed class OutageLoad
{
    private const int MaxRequestsPerClient = 1_000;
    private static readonly TimeSpan Think = TimeSpan.FromMilliseconds(20);

    private readonly KestrelTestApp _app;
    private readonly TimeSpan _readTimeout;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<LoadResponse>[] _sessionResponses;
    private readonly ConcurrentQueue<LoadResponse> _pingResponses = new();
    private readonly Task[] _clients;
    private int _reconnects;

    private OutageLoad(KestrelTestApp app, int sessionClients, int pingClients, TimeSpan readTimeout)
    {
        _app = app;
        _readTimeout = readTimeout;
        _sessionResponses = Enumerable.Range(0, sessionClients).Select(_ => new ConcurrentQueue<LoadResponse>()).ToArray();
        _clients =
        [
            .. Enumerable.Range(0, sessionClients).Select(client => Task.Run(() => RunSessionClientAsync(client))),
            .. Enumerable.Range(0, pingClients).Select(client => Task.Run(() => RunPingClientAsync(sessionClients + client))),
        ];
    }

    /// <summary>Time since the load started, the clock of <see cref="LoadResponse.SentAt"/>.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public int SessionClients => _sessionResponses.Length;

    /// <summary>Connections the server closed, which the clients reopened.</summary>
    public int Reconnects => _reconnects;

    public IReadOnlyList<LoadResponse> PingResponses => [.. _pingResponses];

    public IReadOnlyList<LoadResponse> AllSessionResponses => [.. _sessionResponses.SelectMany(responses => responses)];

    public static OutageLoad Start(KestrelTestApp app, int sessionClients, int pingClients, TimeSpan readTimeout) =>
        new(app, sessionClients, pingClients, readTimeout);

    /// <summary>One session client's responses, in the order it got them.</summary>
    public IReadOnlyList<LoadResponse> SessionResponsesOf(int client) => [.. _sessionResponses[client]];

    /// <summary>Whether every session client has had a 200 to a request it sent at or after <paramref name="since"/>.</summary>
    public bool EverySessionClientSucceededSince(TimeSpan since) =>
        _sessionResponses.All(responses => responses.Any(response => response.SentAt >= since && response.StatusCode == 200));

    /// <summary>Stops the clients after their current request, and rethrows what any of them failed with.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    private Task RunSessionClientAsync(int client) => RunClientAsync(client, async (connection, cookie) =>
    {
        var sentAt = Now;
        var response = await connection.SendAsync("POST", "/count", cookie is null ? null : [("Cookie", cookie)]);
        var recorded = new LoadResponse(client, sentAt, cookie, response);
        _sessionResponses[client].Enqueue(recorded);

        // A client keeps the session its last successful save names, as a browser does.
        return response.StatusCode == 200 && recorded.SetCookie is { } issued ? issued : cookie;
    });

    private Task RunPingClientAsync(int client) => RunClientAsync(client, async (connection, cookie) =>
    {
        var sentAt = Now;
        _pingResponses.Enqueue(new LoadResponse(client, sentAt, null, await connection.SendAsync("GET", "/ping")));
        return cookie;
    });

    private async Task RunClientAsync(int client, Func<RawHttpConnection, string?, Task<string?>> send)
    {
        var connection = await _app.ConnectAsync(_readTimeout);
        try
        {
            string? cookie = null;
            for (var request = 0; request < MaxRequestsPerClient && !_stop.IsCancellationRequested; request++)
            {
                if (connection.ServerClosed)
                {
                    Interlocked.Increment(ref _reconnects);
                    await connection.DisposeAsync();
                    connection = await _app.ConnectAsync(_readTimeout);
                }

                cookie = await send(connection, cookie);
                try
                {
                    await Task.Delay(Think, _stop.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"Load client {client} failed at {Now.TotalSeconds:0.000} s: {exception.Message}", exception);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
