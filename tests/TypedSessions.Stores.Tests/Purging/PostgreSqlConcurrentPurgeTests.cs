using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Purging;

/// <summary>Instances of an app, each with a data source of its own, purging one PostgreSQL table at once.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlConcurrentPurgeTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : ConcurrentPurgeTests(output)
{
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    protected override void EnsureAvailable() => postgres.EnsureAvailable();

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddPostgreSqlStore(postgres.ConnectionString, o => o.TableName = _table);
}
