using TypedSessions.Stores.Tests.EndToEnd;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Observability;

[Collection(RedisCollection.Name)]
public sealed class RedisStoreSpanTests(RedisServerFixture redis) : StoreSpanTests
{
    protected override void AddStore(TypedSessionsBuilder sessions) => EndToEndStores.AddRedis(sessions, redis);

    protected override IReadOnlyDictionary<string, object> ExpectedDatabaseTags => new Dictionary<string, object>
    {
        ["typedsessions.store"] = "redis", ["db.system.name"] = "redis", ["db.namespace"] = "0",
        ["server.address"] = "127.0.0.1", ["server.port"] = redis.Port,
    };

    protected override string SpanTarget => "0";
}
