using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.UnreadableRecords;

/// <summary>An unreadable expiry on Redis: <c>m:exp = 99999999999999999</c>.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisUnreadableRecordTests(RedisServerFixture redis) : UnreadableRecordTests
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();

    protected override void AddStore(TypedSessionsBuilder builder)
    {
        redis.EnsureAvailable();
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis.Multiplexer);
        builder.AddRedisStore(o => o.KeyPrefix = _prefix);
    }

    protected override async Task MakeExpiryUnreadableAsync(IServiceProvider services, string recordId)
        => Assert.False(await redis.Multiplexer.GetDatabase().HashSetAsync(_prefix + recordId, "m:exp", "99999999999999999"), "m:exp was missing.");

    protected override Task<bool> IsKeptAsync(IServiceProvider services, string recordId) => redis.Multiplexer.GetDatabase().KeyExistsAsync(_prefix + recordId);
}
