using TypedSessions.Stores.Cached;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>
/// The cached store as most apps would run it on one machine, a memory cache in front of SQLite on a temp file: it
/// lists and revokes through SQLite's index, and a revoked session is gone from the cache too.
/// </summary>
public sealed class CachedSqliteSessionUserIndexTests : SessionUserIndexConformanceTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
        => new CachedSessionRecordStore(new MemorySessionRecordStore(timeProvider), _database.CreateStore(timeProvider));

    public void Dispose() => _database.Dispose();
}
