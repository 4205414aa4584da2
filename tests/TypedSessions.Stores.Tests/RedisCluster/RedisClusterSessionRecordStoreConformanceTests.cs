using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Conformance;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.RedisCluster;

/// <summary>
/// The Redis store against the contract on a Redis Cluster of three primaries, through one multiplexer that routes each
/// key to its slot's primary; each test under a key prefix of its own, so its sessions spread over all three.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterSessionRecordStoreConformanceTests(RedisClusterFixture cluster) : SessionRecordStoreConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => RedisClusterTestStores.Create(cluster, timeProvider);

    // A value field ("k:" and the session key) that is not JSON, beside a valid expiry, on the primary of its slot.
    protected override async Task CorruptStoredRecordAsync(string recordId)
        => Assert.False(await cluster.Multiplexer.GetDatabase().HashSetAsync(((RedisSessionRecordStore)Store).KeyFor(recordId), "k:user", "not json"), "k:user was missing.");
}
