using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Redis on the shared test server, end to end, under a key prefix of its own.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisNoLostUpdatesTests(RedisServerFixture redis) : NoLostUpdatesTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => EndToEndStores.AddRedis(builder, redis);
}
