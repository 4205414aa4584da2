namespace TypedSessions.Stores.Tests.Observability;

/// <summary>
/// The health check of a store behind a server process (Redis, PostgreSQL) that each test class starts, stops and
/// pauses: Healthy while it answers, Unhealthy quickly when it is stopped, and a timeout when it is paused.
/// </summary>
public abstract class ServerStoreHealthCheckTests : StoreHealthCheckTests, IAsyncLifetime
{
    public Task InitializeAsync() => EnsureRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public Task A_server_that_answers_is_healthy() => AssertHealthyAsync();

    [SkippableFact]
    public async Task A_stopped_server_is_unhealthy()
    {
        await StopServerAsync();

        await AssertUnhealthyQuicklyAsync();
    }

    [SkippableFact]
    public async Task A_paused_server_is_unhealthy_within_the_timeout()
    {
        await PauseServerAsync();

        var entry = await AssertUnhealthyQuicklyAsync();

        Assert.Equal($"The session store ({StoreName}) did not answer within {CheckTimeout.TotalMilliseconds:0} ms.", entry.Description);
    }

    protected abstract Task EnsureRunningAsync();

    protected abstract Task StopServerAsync();

    protected abstract Task PauseServerAsync();
}
