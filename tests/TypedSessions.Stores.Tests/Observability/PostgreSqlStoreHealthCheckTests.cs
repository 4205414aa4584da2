using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Observability;

/// <summary>The PostgreSQL store's check (a SELECT 1) against a server this class stops and pauses.</summary>
public sealed class PostgreSqlStoreHealthCheckTests(ControllablePostgreSqlServer postgres)
    : StoreHealthCheckTests, IClassFixture<ControllablePostgreSqlServer>, IAsyncLifetime
{
    protected override string StoreName => "postgresql";

    protected override string Secret => postgres.ConnectionString;

    public Task InitializeAsync() => postgres.EnsureRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public Task A_server_that_answers_is_healthy() => AssertHealthyAsync();

    [SkippableFact]
    public async Task A_stopped_server_is_unhealthy()
    {
        await postgres.StopAsync();

        await AssertUnhealthyQuicklyAsync();
    }

    [SkippableFact]
    public async Task A_paused_server_is_unhealthy_within_the_timeout()
    {
        await postgres.PauseAsync();

        var entry = await AssertUnhealthyQuicklyAsync();

        Assert.Equal($"The session store (postgresql) did not answer within {CheckTimeout.TotalMilliseconds:0} ms.", entry.Description);
    }

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddPostgreSqlStore(postgres.ConnectionString);
}
