namespace TypedSessions.Stores.Tests.Servers;

/// <summary>The tests that share one throwaway redis-server; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "Redis server";
}
