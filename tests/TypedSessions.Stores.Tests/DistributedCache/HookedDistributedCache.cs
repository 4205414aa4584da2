using Microsoft.Extensions.Caching.Distributed;

namespace TypedSessions.Stores.Tests.DistributedCache;

/// <summary>
/// Passes every call to another <see cref="IDistributedCache"/>, remembers the entry options of the last set, and can
/// pause before a set, so that a test can interleave two writers deterministically.
/// </summary>
internal sealed class HookedDistributedCache(IDistributedCache inner) : IDistributedCache
{
    public DistributedCacheEntryOptions? LastSetOptions { get; private set; }

    /// <summary>Awaited before each set reaches the inner cache.</summary>
    public Func<Task>? BeforeSetAsync { get; set; }

    public byte[]? Get(string key) => throw new NotSupportedException("The store must not block on I/O.");

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException("The store must not block on I/O.");

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        LastSetOptions = options;
        if (BeforeSetAsync is { } hook)
        {
            await hook();
        }

        await inner.SetAsync(key, value, options, token);
    }

    public void Refresh(string key) => throw new NotSupportedException("The store must not block on I/O.");

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => throw new NotSupportedException("The store must not block on I/O.");

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);
}
