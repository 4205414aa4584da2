using TypedSessions.Stores.Tests.EndToEnd;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>
/// A save under way when the store dies may have been applied (a crash right after a commit, before its answer went
/// out): the client must be told so, never that nothing was saved.
/// </summary>
public abstract partial class StoreFaultTests
{
    /// <summary>How long the save waits in the store before the store dies: well under the store timeout.</summary>
    private static readonly TimeSpan InFlight = TimeSpan.FromMilliseconds(300);

    [SkippableFact]
    public async Task A_save_under_way_when_the_store_dies_is_answered_may_have_been_written_never_nothing_was_saved()
    {
        var app = await StartAppAsync();
        await using var connection = await app.ConnectAsync(ReadTimeout);
        RawHttpResponse response;
        await using (await HoldWritesAsync())
        {
            // A new session: nothing to load, so the save (a create) is the request's only store call, and it waits.
            await connection.WriteRequestAsync("POST", "/count");
            await Task.Delay(InFlight);
            await _server.StopAsync();
            response = await connection.ReadResponseAsync();
        }

        await AssertNextResponseStartsCleanlyAsync(connection);
        await _server.RestartAsync();
        var recovery = await AssertRecoversOnAsync(connection, "/count");

        Report($"store stopped {Ms(InFlight)} into a save: {response.StatusCode} in {Ms(response.Elapsed)} ('{response.BodyText}'); " +
            $"served again {Ms(recovery)} after the restart");
        OutageResponses.AssertDocumented503(response);
        Assert.Equal(OutageResponses.MayHaveBeenWritten, response.BodyText);
        Assert.InRange(response.Elapsed, InFlight, StoreTimeout + Margin);
    }

    /// <summary>Makes the store hold every write (the app's saves wait) until disposed or the store stops; reads go on.</summary>
    protected abstract Task<IAsyncDisposable> HoldWritesAsync();
}
