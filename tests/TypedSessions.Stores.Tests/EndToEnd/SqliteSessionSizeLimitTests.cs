using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>The size limit on SQLite, on a temp file.</summary>
public sealed class SqliteSessionSizeLimitTests : SessionSizeLimitTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddSqliteStore(_database.ConnectionString);

    public void Dispose() => _database.Dispose();
}
