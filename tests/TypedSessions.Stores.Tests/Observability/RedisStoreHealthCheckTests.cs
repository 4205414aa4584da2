using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Observability;

/// <summary>The Redis store's check (a PING) against a redis-server this class stops and pauses.</summary>
public sealed class RedisStoreHealthCheckTests(ControllableRedisServer redis)
    : StoreHealthCheckTests, IClassFixture<ControllableRedisServer>, IAsyncLifetime
{
    protected override string StoreName => "redis";

    protected override string Secret => redis.Configuration;

    public Task InitializeAsync() => redis.EnsureRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public Task A_server_that_answers_is_healthy() => AssertHealthyAsync();

    [SkippableFact]
    public async Task A_stopped_server_is_unhealthy()
    {
        await redis.StopAsync();

        await AssertUnhealthyQuicklyAsync();
    }

    [SkippableFact]
    public async Task A_paused_server_is_unhealthy_within_the_timeout()
    {
        await redis.PauseAsync();

        var entry = await AssertUnhealthyQuicklyAsync();

        Assert.Equal($"The session store (redis) did not answer within {CheckTimeout.TotalMilliseconds:0} ms.", entry.Description);
    }

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddRedisStore(redis.Configuration);
}
