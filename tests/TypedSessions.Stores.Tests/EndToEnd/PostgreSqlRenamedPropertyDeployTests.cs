using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Both deployments on the shared test server, in one table of this test's own.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRenamedPropertyDeployTests(PostgreSqlServerFixture postgres) : RenamedPropertyDeployTests
{
    private readonly string _tableName = PostgreSqlServerFixture.NewTableName();

    protected override void AddStore(TypedSessionsBuilder builder) => EndToEndStores.AddPostgreSql(builder, postgres, _tableName);
}
