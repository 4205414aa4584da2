using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Observability;

/// <summary>The Redis store's check (a PING) against a redis-server this class stops and pauses.</summary>
public sealed class RedisStoreHealthCheckTests(ControllableRedisServer redis) : ServerStoreHealthCheckTests, IClassFixture<ControllableRedisServer>
{
    protected override string StoreName => "redis";

    protected override string Secret => redis.Configuration;

    protected override Task EnsureRunningAsync() => redis.EnsureRunningAsync();

    protected override Task StopServerAsync() => redis.StopAsync();

    protected override Task PauseServerAsync() => redis.PauseAsync();

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddRedisStore(redis.Configuration);
}
