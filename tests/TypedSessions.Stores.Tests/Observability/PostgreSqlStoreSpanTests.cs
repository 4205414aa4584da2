using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Observability;

[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlStoreSpanTests(PostgreSqlServerFixture postgres) : StoreSpanTests
{
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    protected override void AddStore(TypedSessionsBuilder sessions)
    {
        postgres.EnsureAvailable();
        sessions.Services.AddSingleton(postgres.DataSource);
        sessions.AddPostgreSqlStore(o => o.TableName = _table);
    }

    protected override IReadOnlyDictionary<string, object> ExpectedDatabaseTags => new Dictionary<string, object>
    {
        ["typedsessions.store"] = "postgresql", ["db.system.name"] = "postgresql",
        ["db.namespace"] = new NpgsqlConnectionStringBuilder(postgres.ConnectionString).Database!, ["db.collection.name"] = _table,
        ["server.address"] = "127.0.0.1", ["server.port"] = postgres.Port,
    };

    protected override string SpanTarget => _table;
}
