using TypedSessions.Stores.Tests.EndToEnd;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>On one keep-alive connection: a failed save answers a well-framed 503, and the next response starts cleanly.</summary>
public abstract partial class StoreFaultTests
{
    [SkippableTheory]
    [InlineData(StoreFault.Pause)]
    [InlineData(StoreFault.Stop)]
    public async Task A_result_whose_save_fails_is_replaced_by_a_well_framed_503_and_the_connection_stays_usable(StoreFault fault)
    {
        var app = await StartAppAsync();
        using var storeCalls = new StoreCallCounter(app.Services);
        await using var connection = await app.ConnectAsync(ReadTimeout);
        Assert.Equal("1", (await SendOkAsync(connection, "POST", "/count")).BodyText);

        await _server.BeginAsync(fault);

        // Without a cookie nothing is loaded: only the save (a create, by the endpoint filter) meets the store. The
        // first meets the fault itself; once the probe it set off has found the store down, the next fails at once.
        var failed = await connection.SendAsync("POST", "/count");
        await AssertNextResponseStartsCleanlyAsync(connection);
        await WaitUntilTheOutageIsKnownAsync();
        var known = storeCalls.Snapshot();
        var failedFast = await connection.SendAsync("POST", "/count");
        var failingFast = storeCalls.Snapshot() - known;
        await AssertNextResponseStartsCleanlyAsync(connection);

        await _server.EndAsync(fault);
        var recovery = await AssertRecoversOnAsync(connection, "/count");

        Report($"{fault}, POST /count: first save {failed.StatusCode} in {Ms(failed.Elapsed)} ('{failed.BodyText}'), " +
            $"then {failedFast.StatusCode} in {Ms(failedFast.Elapsed)} ({failingFast}); served again {Ms(recovery)} after the store was back");
        OutageResponses.AssertDocumented503(failed);
        OutageResponses.AssertDocumented503(failedFast);
        if (fault is StoreFault.Pause)
        {
            // A write sent to a frozen store may still be applied when it thaws.
            Assert.Equal(OutageResponses.MayHaveBeenWritten, failed.BodyText);
        }

        Assert.Equal(OutageResponses.Unavailable, failedFast.BodyText);
        Assert.InRange(failed.Elapsed, TimeSpan.Zero, StoreTimeout + Margin);
        AssertFailedAtOnce(failingFast);
    }

    [SkippableTheory]
    [InlineData(StoreFault.Pause)]
    [InlineData(StoreFault.Stop)]
    public async Task A_handler_that_writes_its_own_body_gets_a_503_status_and_its_body_stays_framed(StoreFault fault)
    {
        var app = await StartAppAsync();
        using var storeCalls = new StoreCallCounter(app.Services);
        await using var connection = await app.ConnectAsync(ReadTimeout);
        var healthy = await SendOkAsync(connection, "POST", "/streamed");
        Assert.Equal(FaultTestEndpoints.StreamedBody, healthy.BodyText);
        SessionCookieOf(healthy);

        await _server.BeginAsync(fault);

        // The save runs as the response starts (OnStarting), too late to replace the body: the status line says 503
        // and the handler's body follows, framed, so the next response on the connection parses.
        var failed = await connection.SendAsync("POST", "/streamed");
        await AssertNextResponseStartsCleanlyAsync(connection);
        await WaitUntilTheOutageIsKnownAsync();
        var known = storeCalls.Snapshot();
        var failedFast = await connection.SendAsync("POST", "/streamed");
        var failingFast = storeCalls.Snapshot() - known;
        await AssertNextResponseStartsCleanlyAsync(connection);

        await _server.EndAsync(fault);
        var recovery = await AssertRecoversOnAsync(connection, "/streamed");

        Report($"{fault}, POST /streamed: first save {failed.StatusCode} in {Ms(failed.Elapsed)} (chunked: {failed.IsChunked}), " +
            $"then {failedFast.StatusCode} in {Ms(failedFast.Elapsed)} ({failingFast}); served again {Ms(recovery)} after the store was back");
        foreach (var response in new[] { failed, failedFast })
        {
            OutageResponses.AssertOutageStatus(response);
            Assert.Equal(FaultTestEndpoints.StreamedBody, response.BodyText);
        }

        Assert.InRange(failed.Elapsed, TimeSpan.Zero, StoreTimeout + Margin);
        AssertFailedAtOnce(failingFast);
    }

    /// <summary>
    /// The request failed at once: refused (circuit open) without a call to the store, so it had no store call to wait
    /// out. Proved by the store instruments rather than by its time, which a loaded machine stretches.
    /// </summary>
    private static void AssertFailedAtOnce(StoreCallCounts failingFast)
        => Assert.Equal(new StoreCallCounts(Made: 0, Refused: 1, TimedOut: 0), failingFast);
}
