using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Two instances on one SQLite file.</summary>
public sealed class SqliteConcurrentSignInLimitTests : ConcurrentSignInLimitTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override void AddStore(TypedSessionsBuilder builder) => builder.AddSqliteStore(_database.ConnectionString);

    public void Dispose() => _database.Dispose();
}
