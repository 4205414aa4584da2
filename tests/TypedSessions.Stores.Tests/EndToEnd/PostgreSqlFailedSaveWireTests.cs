using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>A failed save on the wire, on PostgreSQL, in a table of its own.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlFailedSaveWireTests(PostgreSqlServerFixture postgres) : FailedSaveWireTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => EndToEndStores.AddPostgreSql(builder, postgres);
}
