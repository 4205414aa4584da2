using TypedSessions.Stores.Tests.EndToEnd;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>Once a request has waited out the store timeout and a probe has found the store down, the others fail at once until it is back.</summary>
public abstract partial class StoreFaultTests
{
    private const int ConcurrentFastFailRequests = 8;

    [SkippableFact]
    public async Task While_the_store_is_down_session_requests_fail_at_once_instead_of_each_waiting_out_the_timeout()
    {
        var app = await StartAppAsync();
        var log = new OutageLog(_logs);
        using var storeCalls = new StoreCallCounter(app.Services);
        await using var connection = await app.ConnectAsync(ReadTimeout);
        var cookie = SessionCookieOf(await SendOkAsync(connection, "POST", "/count"));
        log.StartWindow();

        await _server.PauseAsync();
        var paused = storeCalls.Snapshot();

        // Loading the session times out, and the probe it sets off finds the store down.
        var first = await connection.SendAsync("POST", "/count", [("Cookie", cookie)]);
        await WaitUntilTheOutageIsKnownAsync();
        var known = storeCalls.Snapshot();

        // Every kind of session request, one after another: a load (write and read-only), a create, a save as the response starts.
        var sequential = new List<(string Request, RawHttpResponse Response)>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var (method, path, sentCookie) in new[] { ("POST", "/count", cookie), ("GET", "/count", cookie), ("POST", "/count", null), ("POST", "/streamed", null) })
            {
                sequential.Add(($"{method} {path}{(sentCookie is null ? "" : " (cookie)")}", await connection.SendAsync(method, path, sentCookie is null ? null : [("Cookie", sentCookie)])));
            }
        }

        // And at once, each on a connection of its own.
        var concurrent = await Task.WhenAll(Enumerable.Range(0, ConcurrentFastFailRequests).Select(async _ =>
        {
            await using var own = await app.ConnectAsync(ReadTimeout);
            return await own.SendAsync("POST", "/count", [("Cookie", cookie)]);
        }));
        await AssertNextResponseStartsCleanlyAsync(connection);
        var stillDown = log.StoreUnavailable;
        var failingFast = storeCalls.Snapshot() - known;

        await _server.ResumeAsync();
        await AssertRecoversOnAsync(connection, "/count");

        var failedFast = sequential.Select(request => request.Response).Concat(concurrent).ToList();
        Report($"paused: first session request {first.StatusCode} in {Ms(first.Elapsed)}; the next {failedFast.Count} " +
            $"({sequential.Count} in sequence, {concurrent.Length} at once): {string.Join(", ", failedFast.Select(response => response.StatusCode).Distinct())} " +
            $"in {Ms(failedFast.Min(response => response.Elapsed))} to {Ms(failedFast.Max(response => response.Elapsed))} (median {Ms(Median(failedFast))}); " +
            $"store calls: first request {known - paused}, the next {failingFast}");
        foreach (var (request, response) in sequential)
        {
            Report($"  {request}: {response.StatusCode} in {Ms(response.Elapsed)}");
        }

        OutageResponses.AssertDocumented503(first);
        Assert.Equal(OutageResponses.Unavailable, first.BodyText);
        Assert.InRange(first.Elapsed, StoreTimeout * 0.8, StoreTimeout + Margin);
        Assert.Equal(new StoreCallCounts(Made: 1, Refused: 0, TimedOut: 1), known - paused);

        // Failing at once is proved by what the engine did, not by a clock that a loaded machine stretches: each
        // request was refused (circuit open) without a call to the store, so none had a store call to wait out.
        Assert.All(failedFast, OutageResponses.AssertOutageStatus);
        Assert.Equal(new StoreCallCounts(Made: 0, Refused: failedFast.Count, TimedOut: 0), failingFast);

        // And typically they take milliseconds; a loaded machine (new connections, the thread pool growing) can
        // stretch a few past the store timeout, so only the median is held to a time.
        Assert.True(Median(failedFast) < StoreTimeout / 4, $"The median fast failure took {Ms(Median(failedFast))}.");

        Assert.All(sequential.Where(request => request.Request != "POST /streamed"), request => Assert.Equal(OutageResponses.Unavailable, request.Response.BodyText));
        Assert.All(sequential.Where(request => request.Request == "POST /streamed"), request => Assert.Equal(FaultTestEndpoints.StreamedBody, request.Response.BodyText));
        Assert.Equal(1, stillDown);
    }

    private static TimeSpan Median(IReadOnlyList<RawHttpResponse> responses) =>
        responses.Select(response => response.Elapsed).Order().ElementAt(responses.Count / 2);
}
