using TypedSessions.Stores.Tests.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>
/// The Redis store's index of users against the contract, each test under a key prefix and a user index prefix of its
/// own on the shared server. Its purge reports the anonymous records it deletes itself (those the application's clock
/// has expired and Redis has not evicted yet, as here), so the contract's stricter form applies; those Redis evicts
/// itself are another matter (<see cref="Redis.RedisUserIndexTests"/>).
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSessionUserIndexTests(RedisServerFixture redis) : SessionUserIndexConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => RedisTestStores.Create(redis, timeProvider);
}
