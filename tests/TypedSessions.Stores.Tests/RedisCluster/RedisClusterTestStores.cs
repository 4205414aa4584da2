using Microsoft.Extensions.Options;
using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.RedisCluster;

/// <summary>Redis stores over the shared test cluster's connection, each under a fresh key prefix and user index prefix.</summary>
internal static class RedisClusterTestStores
{
    public static RedisSessionRecordStore Create(RedisClusterFixture cluster, TimeProvider timeProvider)
    {
        cluster.EnsureAvailable();
        var options = new RedisSessionRecordStoreOptions
        {
            KeyPrefix = RedisServerFixture.NewPrefix(),
            UserIndexKeyPrefix = RedisServerFixture.NewUserIndexPrefix(),
        };
        return new RedisSessionRecordStore(cluster.Multiplexer, Options.Create(options), timeProvider);
    }
}
