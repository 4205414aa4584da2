using TypedSessions.Stores.Tests.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>The Redis store against the contract, each test under a key prefix of its own on the shared server.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSessionRecordStoreConformanceTests(RedisServerFixture redis) : SessionRecordStoreConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => RedisTestStores.Create(redis, timeProvider);
}
