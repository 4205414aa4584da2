using TypedSessions.Stores.Tests.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>The PostgreSQL store against the contract, each test in a table of its own on the shared server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSessionRecordStoreConformanceTests(PostgreSqlServerFixture postgres) : SessionRecordStoreConformanceTests
{
    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => PostgreSqlTestStores.Create(postgres, timeProvider);
}
