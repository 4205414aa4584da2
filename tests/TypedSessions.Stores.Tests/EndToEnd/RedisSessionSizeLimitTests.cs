using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>The size limit on Redis, under a key prefix of its own.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSessionSizeLimitTests(RedisServerFixture redis) : SessionSizeLimitTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => EndToEndStores.AddRedis(builder, redis);
}
