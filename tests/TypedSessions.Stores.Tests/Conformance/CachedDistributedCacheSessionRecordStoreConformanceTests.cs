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

    protected override ISessionRecordStore CreateStore(TimeProvider timeProvider)
        => new CachedSessionRecordStore(
            new DistributedCacheSessionRecordStore(
                new YieldingDistributedCache(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()))),
                Options.Create(new DistributedCacheSessionRecordStoreOptions()),
                timeProvider),
            _database.CreateStore(timeProvider));

    public void Dispose() => _database.Dispose();
}
