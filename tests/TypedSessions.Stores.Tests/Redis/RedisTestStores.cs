using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>Redis stores over the shared test server, each under a fresh key prefix and user index prefix unless told otherwise.</summary>
internal static class RedisTestStores
{
    public static RedisSessionRecordStore Create(
        RedisServerFixture redis,
        TimeProvider timeProvider,
        Action<RedisSessionRecordStoreOptions>? configure = null,
        ILoggerFactory? loggerFactory = null,
        IConnectionMultiplexer? connection = null)
    {
        redis.EnsureAvailable();
        var options = new RedisSessionRecordStoreOptions
        {
            KeyPrefix = RedisServerFixture.NewPrefix(),
            UserIndexKeyPrefix = RedisServerFixture.NewUserIndexPrefix(),
        };
        configure?.Invoke(options);
        return new RedisSessionRecordStore(connection ?? redis.Multiplexer, Options.Create(options), timeProvider, loggerFactory);
    }
}
