using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// How the end-to-end tests register the shared servers' stores: each app gets a key prefix or table of its own, and a
/// missing server skips the test (fails it under CI). Apps that stand for two deployments of one site pass the same
/// prefixes or table to both.
/// </summary>
internal static class EndToEndStores
{
    public static void AddRedis(TypedSessionsBuilder builder, RedisServerFixture redis) => AddRedis(builder, redis, RedisPrefixes.New());

    public static void AddRedis(TypedSessionsBuilder builder, RedisServerFixture redis, RedisPrefixes prefixes)
    {
        redis.EnsureAvailable();
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis.Multiplexer);
        builder.AddRedisStore(o =>
        {
            o.KeyPrefix = prefixes.Keys;
            o.UserIndexKeyPrefix = prefixes.UserIndex;
        });
    }

    public static void AddPostgreSql(TypedSessionsBuilder builder, PostgreSqlServerFixture postgres)
        => AddPostgreSql(builder, postgres, PostgreSqlServerFixture.NewTableName());

    public static void AddPostgreSql(TypedSessionsBuilder builder, PostgreSqlServerFixture postgres, string tableName)
    {
        postgres.EnsureAvailable();
        builder.Services.AddSingleton(postgres.DataSource);
        builder.AddPostgreSqlStore(o => o.TableName = tableName);
    }

    /// <summary>Where one app's sessions live on the shared redis-server.</summary>
    public sealed record RedisPrefixes(string Keys, string UserIndex)
    {
        public static RedisPrefixes New() => new(RedisServerFixture.NewPrefix(), RedisServerFixture.NewUserIndexPrefix());
    }
}
