using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>
/// The services an app gets from <c>AddTypedSessions().AddPostgreSqlStore(...)</c>, with fake logging and clock, over
/// the shared server's data source registered in DI and a table of the test's own.
/// </summary>
internal static class PostgreSqlTestHost
{
    public static ServiceProvider Build(
        PostgreSqlServerFixture postgres, string tableName, FakeTimeProvider? time = null, Action<PostgreSqlSessionRecordStoreOptions>? configure = null)
    {
        postgres.EnsureAvailable();
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(time ?? new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        services.AddSingleton(postgres.DataSource);
        services.AddTypedSessions().AddPostgreSqlStore(options =>
        {
            options.TableName = tableName;
            configure?.Invoke(options);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
