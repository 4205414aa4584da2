using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary><c>AddPostgreSqlStore()</c> without a connection string shares the app's <see cref="NpgsqlDataSource"/>.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlDataSourceTests(PostgreSqlServerFixture postgres)
{
    [SkippableFact]
    public async Task The_store_runs_its_statements_on_the_data_source_registered_in_di()
    {
        postgres.EnsureAvailable();
        var name = "di-" + Guid.NewGuid().ToString("N");
        await using var dataSource = new NpgsqlDataSourceBuilder(postgres.ConnectionString) { Name = name }.Build();
        using var traffic = new NpgsqlTraffic(name);

        await using (var services = Build(dataSource))
        {
            var session = await services.GetRequiredService<ISessionManager>().OpenAsync(null);
            session.Set("user", 42);
            await session.SaveAsync();
        }

        Assert.Contains(traffic.Snapshot().Statements, sql => sql.TrimStart().StartsWith("INSERT", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Disposing_the_app_leaves_the_shared_data_source_open()
    {
        postgres.EnsureAvailable();
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using (var services = Build(dataSource))
        {
            Assert.False(await services.GetRequiredService<ISessionRecordStore>().ExistsAsync("id"));
        }

        await using var command = dataSource.CreateCommand("SELECT 1");
        Assert.Equal(1, await command.ExecuteScalarAsync());
    }

    private static ServiceProvider Build(NpgsqlDataSource dataSource)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(dataSource);
        services.AddTypedSessions().AddPostgreSqlStore(o => o.TableName = PostgreSqlServerFixture.NewTableName());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
