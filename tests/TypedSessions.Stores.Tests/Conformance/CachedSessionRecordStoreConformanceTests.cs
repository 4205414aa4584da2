using TypedSessions.Stores.Cached;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>The cached store as most apps would run it on one machine: the memory store in front of SQLite on a temp file.</summary>
public sealed class CachedSessionRecordStoreConformanceTests : SessionRecordStoreConformanceTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
        => new CachedSessionRecordStore(new MemorySessionRecordStore(timeProvider), _database.CreateStore(timeProvider));

    public void Dispose() => _database.Dispose();
}
