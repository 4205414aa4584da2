using Microsoft.Extensions.Caching.Distributed;

namespace TypedSessions.Stores.Tests.DistributedCache;

/// <summary>
/// An in-memory <see cref="IDistributedCache"/> whose every call yields before it runs, as a network cache's would.
/// <see cref="MemoryDistributedCache"/> completes synchronously, which leaves almost no gap between a store's read
/// and its write, so races that a real cache opens would go unseen.
/// </summary>
internal sealed class YieldingDistributedCache(IDistributedCache inner) : IDistributedCache
{
    public byte[]? Get(string key) => throw new NotSupportedException("The store must not block on I/O.");

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        await Task.Yield();
        return await inner.GetAsync(key, token);
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException("The store must not block on I/O.");

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        await Task.Yield();
        await inner.SetAsync(key, value, options, token);
    }

    public void Refresh(string key) => throw new NotSupportedException("The store must not block on I/O.");

    public async Task RefreshAsync(string key, CancellationToken token = default)
    {
        await Task.Yield();
        await inner.RefreshAsync(key, token);
    }

    public void Remove(string key) => throw new NotSupportedException("The store must not block on I/O.");

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        await Task.Yield();
        await inner.RemoveAsync(key, token);
    }
}
