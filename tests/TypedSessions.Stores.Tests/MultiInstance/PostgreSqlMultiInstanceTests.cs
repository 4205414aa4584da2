using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>Instances on one PostgreSQL table, each over a data source (connection pool) of its own.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlMultiInstanceTests(PostgreSqlServerFixture postgres, ITestOutputHelper output) : MultiInstanceTests(output)
{
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    protected override string StoreName => "PostgreSQL";

    protected override void EnsureAvailable() => postgres.EnsureAvailable();

    protected override void AddStore(TypedSessionsBuilder sessions, int instance)
        => sessions.AddPostgreSqlStore(postgres.ConnectionString, options => options.TableName = _table);
}
