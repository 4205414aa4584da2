using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Sqlite;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>The services an app gets from <c>AddTypedSessions().AddSqliteStore(...)</c>, with fake logging and clock.</summary>
internal static class SqliteTestHost
{
    public static ServiceProvider Build(
        TempSqliteDatabase database, FakeTimeProvider? time = null, Action<SqliteSessionRecordStoreOptions>? configure = null)
        => Build(database.ConnectionString, time, configure);

    public static ServiceProvider Build(
        string connectionString, FakeTimeProvider? time = null, Action<SqliteSessionRecordStoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(time ?? new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        services.AddTypedSessions().AddSqliteStore(connectionString, configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
