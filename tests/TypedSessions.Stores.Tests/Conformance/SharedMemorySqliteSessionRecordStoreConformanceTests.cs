using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TypedSessions.Sqlite;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>
/// The SQLite store on a shared-cache in-memory database, as used in tests and demos. Such a database lives only
/// while a connection to it is open, so the test holds one for its whole run.
/// </summary>
public sealed class SharedMemorySqliteSessionRecordStoreConformanceTests : SessionRecordStoreConformanceTests, IDisposable
{
    private readonly string _connectionString =
        new SqliteConnectionStringBuilder { DataSource = $"sessions-{Guid.NewGuid():N}", Mode = SqliteOpenMode.Memory, Cache = SqliteCacheMode.Shared }.ToString();

    private readonly SqliteConnection _keepAlive;

    public SharedMemorySqliteSessionRecordStoreConformanceTests()
    {
        _keepAlive = new SqliteConnection(_connectionString);
        _keepAlive.Open();
    }

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
        => new SqliteSessionRecordStore(Options.Create(new SqliteSessionRecordStoreOptions { ConnectionString = _connectionString }), timeProvider);

    // Text where the store writes a JSON object of the session's values, through the connection that keeps the database.
    protected override Task CorruptStoredRecordAsync(string recordId)
    {
        Assert.Equal(1, _keepAlive.Execute("UPDATE typed_sessions SET session_data = 'not json' WHERE session_key = $id", ("$id", recordId)));
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        SqliteConnection.ClearPool(_keepAlive);
        _keepAlive.Dispose();
    }
}
