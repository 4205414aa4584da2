namespace TypedSessions.Stores.Tests.Servers;

/// <summary>The tests that share one throwaway Redis Cluster and leave its topology as they found it; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RedisClusterCollection : ICollectionFixture<RedisClusterFixture>
{
    public const string Name = "Redis cluster";
}
