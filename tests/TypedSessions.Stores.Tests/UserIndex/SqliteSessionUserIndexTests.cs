using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>The SQLite store's index of users against the contract, each test on a fresh temp-file database.</summary>
public sealed class SqliteSessionUserIndexTests : SessionUserIndexConformanceTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider) => _database.CreateStore(timeProvider);

    public void Dispose() => _database.Dispose();
}
