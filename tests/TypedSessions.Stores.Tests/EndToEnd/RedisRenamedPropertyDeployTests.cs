using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Both deployments on the shared test server, under one key prefix of this test's own.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRenamedPropertyDeployTests(RedisServerFixture redis) : RenamedPropertyDeployTests
{
    private readonly EndToEndStores.RedisPrefixes _prefixes = EndToEndStores.RedisPrefixes.New();

    protected override void AddStore(TypedSessionsBuilder builder) => EndToEndStores.AddRedis(builder, redis, _prefixes);
}
