using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Two instances on one PostgreSQL table.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConcurrentSignInLimitTests(PostgreSqlServerFixture postgres) : ConcurrentSignInLimitTests
{
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    protected override void AddStore(TypedSessionsBuilder builder)
    {
        postgres.EnsureAvailable();
        builder.Services.AddSingleton(postgres.DataSource);
        builder.AddPostgreSqlStore(options => options.TableName = _table);
    }
}
