using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>The Redis store against the contract, each test under a key prefix of its own on the shared server.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSessionRecordStoreConformanceTests(RedisServerFixture redis) : SessionRecordStoreConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => RedisTestStores.Create(redis, timeProvider);

    // A value field ("k:" and the session key) that is not JSON, beside a valid expiry.
    protected override async Task CorruptStoredRecordAsync(string recordId)
        => Assert.False(await redis.Multiplexer.GetDatabase().HashSetAsync(((RedisSessionRecordStore)Store).KeyFor(recordId), "k:user", "not json"), "k:user was missing.");
}
