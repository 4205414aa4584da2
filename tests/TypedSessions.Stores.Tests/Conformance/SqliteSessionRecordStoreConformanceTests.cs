using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>The SQLite store against the contract, each test on a fresh temp-file database.</summary>
public sealed class SqliteSessionRecordStoreConformanceTests : SessionRecordStoreConformanceTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => _database.CreateStore(timeProvider);

    // Text where the store writes a JSON object of the session's values.
    protected override Task CorruptStoredRecordAsync(string recordId)
    {
        using var connection = _database.OpenRaw();
        Assert.Equal(1, connection.Execute("UPDATE typed_sessions SET session_data = 'not json' WHERE session_key = $id", ("$id", recordId)));
        return Task.CompletedTask;
    }

    public void Dispose() => _database.Dispose();
}
