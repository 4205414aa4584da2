using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// How the end-to-end tests register the shared servers' stores: each app gets a key prefix or table of its own, and a
/// missing server skips the test (fails it under CI).
/// </summary>
internal static class EndToEndStores
{
    public static void AddRedis(TypedSessionsBuilder builder, RedisServerFixture redis)
    {
        redis.EnsureAvailable();
        builder.Services.AddSingleton<IConnectionMultiplexer>(redis.Multiplexer);
        builder.AddRedisStore(o =>
        {
            o.KeyPrefix = RedisServerFixture.NewPrefix();
            o.UserIndexKeyPrefix = RedisServerFixture.NewUserIndexPrefix();
        });
    }

    public static void AddPostgreSql(TypedSessionsBuilder builder, PostgreSqlServerFixture postgres)
    {
        postgres.EnsureAvailable();
        builder.Services.AddSingleton(postgres.DataSource);
        builder.AddPostgreSqlStore(o => o.TableName = PostgreSqlServerFixture.NewTableName());
    }
}
