using TypedSessions.Stores.Cached;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>The cached store as most apps would run it on one machine: the memory store in front of SQLite on a temp file.</summary>
public sealed class CachedSessionRecordStoreConformanceTests : SessionRecordStoreConformanceTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    private MemorySessionRecordStore? _cache;

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
        => new CachedSessionRecordStore(_cache = new MemorySessionRecordStore(timeProvider), _database.CreateStore(timeProvider));

    // The durable copy is damaged and the cache no longer holds the record (as after a restart): a damaged cache entry
    // alone is never seen, since the durable copy replaces it.
    protected override async Task CorruptStoredRecordAsync(string recordId)
    {
        using (var connection = _database.OpenRaw())
        {
            Assert.Equal(1, connection.Execute("UPDATE typed_sessions SET session_data = 'not json' WHERE session_key = $id", ("$id", recordId)));
        }

        await _cache!.DeleteAsync(recordId);
    }

    public void Dispose() => _database.Dispose();
}
