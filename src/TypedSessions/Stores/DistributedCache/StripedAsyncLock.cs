namespace TypedSessions.Stores.DistributedCache;

/// <summary>
/// Serializes the read-modify-write steps of one record within this process. A fixed set of semaphores keyed by the
/// record id's hash keeps memory bounded; two records sharing a stripe merely wait for each other.
/// </summary>
internal sealed class StripedAsyncLock
{
    private readonly SemaphoreSlim[] _stripes;

    public StripedAsyncLock(int stripeCount = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stripeCount, 1);
        _stripes = [.. Enumerable.Range(0, stripeCount).Select(_ => new SemaphoreSlim(1, 1))];
    }

    /// <summary>Waits for the stripe of <paramref name="key"/>; dispose the result to release it.</summary>
    public async ValueTask<Releaser> EnterAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_stripes.Length];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(stripe);
    }

    /// <summary>Releases a stripe entered by <see cref="EnterAsync"/>.</summary>
    internal readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
