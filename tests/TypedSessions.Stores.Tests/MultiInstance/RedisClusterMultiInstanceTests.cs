using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>
/// Instances on one Redis Cluster of three primaries, each over a multiplexer of its own that routes every key to its
/// slot's primary; one key prefix and user index prefix, so sessions and users' sets spread over all three.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterMultiInstanceTests(RedisClusterFixture cluster, ITestOutputHelper output) : MultiInstanceTests(output)
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly string _userIndexPrefix = RedisServerFixture.NewUserIndexPrefix();

    protected override string StoreName => "Redis Cluster";

    protected override void EnsureAvailable() => cluster.EnsureAvailable();

    // Small SCAN batches, so that the instances' purges interleave on every primary and race for the same keys.
    protected override void AddStore(TypedSessionsBuilder sessions, int instance)
        => sessions.AddRedisStore(
            cluster.Configuration,
            options => (options.KeyPrefix, options.UserIndexKeyPrefix, options.ClearExpiredBatchSize) = (_prefix, _userIndexPrefix, 10));
}
