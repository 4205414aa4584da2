using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>Counts the calls an <see cref="IDistributedCache"/> receives and the bytes sent to it (keys and values).</summary>
internal sealed class MeteredDistributedCache(IDistributedCache inner) : IDistributedCache
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls => _calls;

    public long BytesSent { get; private set; }

    public void Reset()
    {
        _calls.Clear();
        BytesSent = 0;
    }

    public byte[]? Get(string key) => throw new NotSupportedException("The store must not block on I/O.");

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        Count("Get", key, 0);
        return inner.GetAsync(key, token);
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => throw new NotSupportedException("The store must not block on I/O.");

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Count("Set", key, value.Length);
        return inner.SetAsync(key, value, options, token);
    }

    public void Refresh(string key) => throw new NotSupportedException("The store must not block on I/O.");

    public Task RefreshAsync(string key, CancellationToken token = default)
    {
        Count("Refresh", key, 0);
        return inner.RefreshAsync(key, token);
    }

    public void Remove(string key) => throw new NotSupportedException("The store must not block on I/O.");

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Count("Remove", key, 0);
        return inner.RemoveAsync(key, token);
    }

    private void Count(string call, string key, int valueBytes)
    {
        lock (_calls)
        {
            _calls.Add(call);
            BytesSent += Encoding.UTF8.GetByteCount(key) + valueBytes;
        }
    }
}
