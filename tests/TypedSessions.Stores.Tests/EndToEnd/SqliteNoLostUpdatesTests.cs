using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>SQLite on a temp file, end to end.</summary>
public sealed class SqliteNoLostUpdatesTests : NoLostUpdatesTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddSqliteStore(_database.ConnectionString);

    public void Dispose() => _database.Dispose();
}
