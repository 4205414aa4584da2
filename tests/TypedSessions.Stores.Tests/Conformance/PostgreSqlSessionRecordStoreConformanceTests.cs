using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>The PostgreSQL store against the contract, each test in a table of its own on the shared server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSessionRecordStoreConformanceTests(PostgreSqlServerFixture postgres) : SessionRecordStoreConformanceTests
{
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
        => PostgreSqlTestStores.Create(postgres, timeProvider, options => options.TableName = _table);

    // jsonb holds only JSON, so the damage is JSON that is not the object of the session's values.
    protected override async Task CorruptStoredRecordAsync(string recordId)
        => Assert.Equal(1, await postgres.ExecuteAsync($"UPDATE \"{_table}\" SET session_data = '\"tampered\"' WHERE session_key = $1", StoredRecordId.From(recordId)));
}
