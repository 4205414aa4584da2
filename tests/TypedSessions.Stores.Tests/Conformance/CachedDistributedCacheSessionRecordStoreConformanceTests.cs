using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TypedSessions.Stores.Cached;
using TypedSessions.Stores.DistributedCache;
using TypedSessions.Stores.Tests.DistributedCache;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>
/// The cached store with the distributed-cache store in front of SQLite: the shape of "Redis (or any
/// IDistributedCache) in front of a database", and the in-process cache with a size limit.
/// </summary>
public sealed class CachedDistributedCacheSessionRecordStoreConformanceTests : SessionRecordStoreConformanceTests, IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
        => new CachedSessionRecordStore(
            new DistributedCacheSessionRecordStore(
                new YieldingDistributedCache(_cache),
                Options.Create(new DistributedCacheSessionRecordStoreOptions()),
                timeProvider),
            _database.CreateStore(timeProvider));

    // The durable copy is damaged and the cache entry is gone (evicted): a damaged cache entry alone is never seen,
    // since the durable copy replaces it.
    protected override async Task CorruptStoredRecordAsync(string recordId)
    {
        using (var connection = _database.OpenRaw())
        {
            Assert.Equal(1, connection.Execute("UPDATE typed_sessions SET session_data = 'not json' WHERE session_key = $id", ("$id", recordId)));
        }

        await _cache.RemoveAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + recordId);
    }

    public void Dispose() => _database.Dispose();
}
