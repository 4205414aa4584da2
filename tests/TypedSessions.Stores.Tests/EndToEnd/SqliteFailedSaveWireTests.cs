using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>A failed save on the wire, on SQLite, on a temp file.</summary>
public sealed class SqliteFailedSaveWireTests : FailedSaveWireTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddSqliteStore(_database.ConnectionString);

    public void Dispose() => _database.Dispose();
}
