using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>A failed save on the wire, on Redis, under a key prefix of its own.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisFailedSaveWireTests(RedisServerFixture redis) : FailedSaveWireTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => EndToEndStores.AddRedis(builder, redis);
}
