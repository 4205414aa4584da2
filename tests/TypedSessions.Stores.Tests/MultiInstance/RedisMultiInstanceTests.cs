using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>Instances on one Redis server, under one key prefix and user index prefix, each over a connection of its own.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisMultiInstanceTests(RedisServerFixture redis, ITestOutputHelper output) : MultiInstanceTests(output)
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly string _userIndexPrefix = RedisServerFixture.NewUserIndexPrefix();

    protected override string StoreName => "Redis";

    protected override void EnsureAvailable() => redis.EnsureAvailable();

    // Small SCAN batches, so that the instances' purges interleave and race for the same keys.
    protected override void AddStore(TypedSessionsBuilder sessions, int instance)
        => sessions.AddRedisStore(
            redis.Configuration,
            options => (options.KeyPrefix, options.UserIndexKeyPrefix, options.ClearExpiredBatchSize) = (_prefix, _userIndexPrefix, 10));
}
