using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Purging;

/// <summary>Instances of an app, each with a connection of its own, purging one Redis under one key prefix at once.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisConcurrentPurgeTests(RedisServerFixture redis, ITestOutputHelper output) : ConcurrentPurgeTests(output)
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();

    protected override void EnsureAvailable() => redis.EnsureAvailable();

    // Small SCAN batches, so that the instances' scans interleave and race for the same keys.
    protected override void AddStore(TypedSessionsBuilder sessions)
        => sessions.AddRedisStore(redis.Configuration, o => (o.KeyPrefix, o.ClearExpiredBatchSize) = (_prefix, 10));
}
