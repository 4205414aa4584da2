using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Two instances on one Redis server, under one key prefix and one user index prefix.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisConcurrentSignInLimitTests(RedisServerFixture redis) : ConcurrentSignInLimitTests
{
    private readonly string _prefix = RedisServerFixture.NewPrefix();
    private readonly string _userIndexPrefix = RedisServerFixture.NewUserIndexPrefix();

    protected override void AddStore(TypedSessionsBuilder builder)
    {
        redis.EnsureAvailable();
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis.Multiplexer);
        builder.AddRedisStore(options =>
        {
            options.KeyPrefix = _prefix;
            options.UserIndexKeyPrefix = _userIndexPrefix;
        });
    }
}
