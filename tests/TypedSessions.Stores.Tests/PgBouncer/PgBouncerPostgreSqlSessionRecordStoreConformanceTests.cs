using Microsoft.Extensions.Options;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Conformance;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PgBouncer;

/// <summary>
/// The PostgreSQL store against the contract through PgBouncer in transaction pooling mode, with the connection string
/// the store's documentation gives for it, each test in a table of its own.
/// </summary>
[Collection(PgBouncerCollection.Name)]
public sealed class PgBouncerPostgreSqlSessionRecordStoreConformanceTests(PgBouncerFixture bouncer) : SessionRecordStoreConformanceTests
{
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
    {
        bouncer.EnsureAvailable();
        var options = new PostgreSqlSessionRecordStoreOptions { TableName = _table };
        return new PostgreSqlSessionRecordStore(bouncer.DataSource, Options.Create(options), timeProvider);
    }

    // jsonb holds only JSON, so the damage is JSON that is not the object of the session's values.
    protected override async Task CorruptStoredRecordAsync(string recordId)
    {
        await using var command = bouncer.DataSource.CreateCommand($"UPDATE \"{_table}\" SET session_data = '\"tampered\"' WHERE session_key = $1");
        command.Parameters.AddWithValue(StoredRecordId.From(recordId));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
