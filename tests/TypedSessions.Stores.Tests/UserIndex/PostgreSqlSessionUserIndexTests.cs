using TypedSessions.Stores.Tests.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>The PostgreSQL store's index of users against the contract, each test in a table of its own on the shared server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSessionUserIndexTests(PostgreSqlServerFixture postgres) : SessionUserIndexConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => PostgreSqlTestStores.Create(postgres, timeProvider);
}
