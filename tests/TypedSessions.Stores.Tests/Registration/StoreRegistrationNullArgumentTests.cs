using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using TypedSessions.PostgreSql;
using TypedSessions.Redis;
using TypedSessions.Sqlite;

namespace TypedSessions.Stores.Tests.Registration;

/// <summary>
/// Registering a store or building one by hand with a null argument throws <see cref="ArgumentNullException"/> naming
/// that argument, at the call, not later from inside DI or the driver. No server is needed: nothing connects.
/// </summary>
public sealed class StoreRegistrationNullArgumentTests
{
    private static readonly TypedSessionsBuilder NoBuilder = null!;

    // Each call with one null argument, named by the parameter the exception must name.
    private static readonly Dictionary<string, (string Parameter, Action Call)> Calls = new(StringComparer.Ordinal)
    {
        ["AddSqliteStore(null builder)"] = ("builder", () => NoBuilder.AddSqliteStore("Data Source=sessions.db")),
        ["AddSqliteStore(null connection string)"] = ("connectionString", () => Builder().AddSqliteStore(null!)),
        ["new SqliteSessionRecordStore(null options)"] = ("options", () => _ = new SqliteSessionRecordStore(null!, TimeProvider.System)),
        ["new SqliteSessionRecordStore(null clock)"] = ("timeProvider", () => _ = new SqliteSessionRecordStore(Options.Create(new SqliteSessionRecordStoreOptions()), null!)),

        ["AddPostgreSqlStore(null builder, connection string)"] = ("builder", () => NoBuilder.AddPostgreSqlStore("Host=db")),
        ["AddPostgreSqlStore(null connection string)"] = ("connectionString", () => Builder().AddPostgreSqlStore((string)null!)),
        ["AddPostgreSqlStore(null builder)"] = ("builder", () => NoBuilder.AddPostgreSqlStore()),
        ["AddPostgreSqlStore(null builder, configure)"] = ("builder", () => NoBuilder.AddPostgreSqlStore(_ => { })),
        ["AddPostgreSqlStore(null configure)"] = ("configure", () => Builder().AddPostgreSqlStore((Action<PostgreSqlSessionRecordStoreOptions>)null!)),
        ["new PostgreSqlSessionRecordStore(null data source)"] = ("dataSource", () => _ = new PostgreSqlSessionRecordStore(null!, PostgreSqlOptions(), TimeProvider.System)),
        ["new PostgreSqlSessionRecordStore(null options)"] = ("options", () => WithDataSource(dataSource => new PostgreSqlSessionRecordStore(dataSource, null!, TimeProvider.System))),
        ["new PostgreSqlSessionRecordStore(null clock)"] = ("timeProvider", () => WithDataSource(dataSource => new PostgreSqlSessionRecordStore(dataSource, PostgreSqlOptions(), null!))),

        ["AddRedisStore(null builder, configuration)"] = ("builder", () => NoBuilder.AddRedisStore("localhost:6379")),
        ["AddRedisStore(null configuration)"] = ("configuration", () => Builder().AddRedisStore((string)null!)),
        ["AddRedisStore(null builder)"] = ("builder", () => NoBuilder.AddRedisStore()),
        ["AddRedisStore(null builder, configure)"] = ("builder", () => NoBuilder.AddRedisStore(_ => { })),
        ["AddRedisStore(null configure)"] = ("configure", () => Builder().AddRedisStore((Action<RedisSessionRecordStoreOptions>)null!)),
        ["new RedisSessionRecordStore(null multiplexer)"] = ("multiplexer", () => _ = new RedisSessionRecordStore(null!, RedisOptions(), TimeProvider.System)),
        ["new RedisSessionRecordStore(null options)"] = ("options", () => WithMultiplexer(multiplexer => new RedisSessionRecordStore(multiplexer, null!, TimeProvider.System))),
        ["new RedisSessionRecordStore(null clock)"] = ("timeProvider", () => WithMultiplexer(multiplexer => new RedisSessionRecordStore(multiplexer, RedisOptions(), null!))),
    };

    public static TheoryData<string> CallNames => [.. Calls.Keys];

    [Theory]
    [MemberData(nameof(CallNames))]
    public void A_null_argument_throws_ArgumentNullException_naming_it(string name)
    {
        var (parameter, call) = Calls[name];

        var thrown = Assert.Throws<ArgumentNullException>(call);

        Assert.Equal(parameter, thrown.ParamName);
    }

    private static TypedSessionsBuilder Builder() => new ServiceCollection().AddTypedSessions();

    private static IOptions<PostgreSqlSessionRecordStoreOptions> PostgreSqlOptions() => Options.Create(new PostgreSqlSessionRecordStoreOptions());

    private static IOptions<RedisSessionRecordStoreOptions> RedisOptions() => Options.Create(new RedisSessionRecordStoreOptions());

    // A data source opens no connection until one is asked for.
    private static void WithDataSource(Func<NpgsqlDataSource, object> create)
    {
        using var dataSource = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1");
        create(dataSource);
    }

    // abortConnect=false: the multiplexer is made without reaching a server, and closed before it retries.
    private static void WithMultiplexer(Func<IConnectionMultiplexer, object> create)
    {
        using var multiplexer = ConnectionMultiplexer.Connect("127.0.0.1:1,abortConnect=false,connectTimeout=100");
        create(multiplexer);
    }
}
