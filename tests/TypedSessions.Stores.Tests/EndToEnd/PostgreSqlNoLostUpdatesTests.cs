using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>PostgreSQL on the shared test server, end to end, in a table of its own.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlNoLostUpdatesTests(PostgreSqlServerFixture postgres) : NoLostUpdatesTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => EndToEndStores.AddPostgreSql(builder, postgres);
}
