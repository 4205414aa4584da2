using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>The size limit on PostgreSQL, in a table of its own.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSessionSizeLimitTests(PostgreSqlServerFixture postgres) : SessionSizeLimitTests
{
    protected override void AddStore(TypedSessionsBuilder builder) => EndToEndStores.AddPostgreSql(builder, postgres);
}
