using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TypedSessions.Stores.Cached;

/// <summary>
/// A cache in front of a durable store, as Django's <c>cached_db</c>: reads try the cache first, writes go to the
/// durable store first. Any two stores compose, for example Redis in front of PostgreSQL, or an in-memory cache in
/// front of SQLite. The durable store is the source of truth; a failing cache is logged and never fails a request.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>
/// <b>Load</b>: from the cache; on a miss, from the durable store, and a record found there is put in the cache. A
/// cache that throws or holds an unreadable entry is logged (event 131) and the durable store answers.
/// </description></item>
/// <item><description>
/// <b>Create</b>: in the durable store, whose answer decides whether the id is free; then in the cache. A cache
/// failure is logged (event 132, "Error saving to cache") and the create still succeeds.
/// </description></item>
/// <item><description>
/// <b>Update</b>: in the durable store, whose result (updated, not found or conflict) is returned, so update-only,
/// per-key merge and optimistic concurrency are the durable store's guarantees. The cached copy is then evicted,
/// whatever the result, and the next load repopulates it: the durable store merged the update into data this store
/// never saw, so the exact merged record is not known here, and writing the saving request's own view could hide a
/// concurrent request's keys. An update that finds the record gone evicts it too, so a stale cached copy never keeps
/// a deleted session alive.
/// </description></item>
/// <item><description>
/// <b>Delete</b>: from the durable store, then from the cache. If the cache cannot be reached the delete still
/// succeeds and the failure is logged (event 134): the cached copy may then keep loading until it expires, although
/// the next save of that session finds it gone.
/// </description></item>
/// <item><description>
/// <b>Touch</b>: in the durable store, then the cached copy is evicted, as for an update.
/// </description></item>
/// <item><description>
/// <b>ClearExpired</b>: the durable store's, whose count is returned; the cache's own clearing follows, best effort.
/// </description></item>
/// </list>
/// <para>
/// As with any cache-aside scheme, a load that misses can race a concurrent update: if it reads the durable store
/// before the update and fills the cache after the update evicted it, the cache serves that older copy until the
/// session is saved again or the entry expires. Saves themselves are never lost, because they go to the durable store.
/// </para>
/// </remarks>
public sealed class CachedSessionRecordStore : ISessionRecordStore
{
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    /// <param name="cache">The fast store in front, for example a memory, Redis or distributed-cache store.</param>
    /// <param name="durable">The store of record, for example a PostgreSQL or SQLite store.</param>
    /// <param name="loggerFactory">Where cache failures are logged; nothing is logged when omitted.</param>
    /// <exception cref="ArgumentException"><paramref name="cache"/> and <paramref name="durable"/> are one instance.</exception>
    public CachedSessionRecordStore(ISessionRecordStore cache, ISessionRecordStore durable, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(durable);
        if (ReferenceEquals(cache, durable))
        {
            throw new ArgumentException(
                $"The cache and the durable store are the same {cache.GetType().Name} instance; a store cannot cache itself. Choose two different stores.",
                nameof(cache));
        }

        Cache = cache;
        Durable = durable;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TypedSessions.Cached");
    }

    /// <summary>The store in front.</summary>
    public ISessionRecordStore Cache { get; }

    /// <summary>The store of record.</summary>
    public ISessionRecordStore Durable { get; }

    /// <inheritdoc />
    public async ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        try
        {
            var cached = await Cache.LoadAsync(recordId, cancellationToken).ConfigureAwait(false);
            if (cached.IsFound)
            {
                return cached;
            }

            if (cached.IsUnreadable)
            {
                // The durable copy replaces it below.
                Log.CacheReadFailed(_logger, new SessionDataCorruptedException(cached.Problem!, cached.Exception));
            }
        }
        catch (Exception exception) when (IsCacheFailure(exception, cancellationToken))
        {
            Log.CacheReadFailed(_logger, exception);
        }

        var loaded = await Durable.LoadAsync(recordId, cancellationToken).ConfigureAwait(false);
        if (loaded.Record is { } record)
        {
            await TryPutInCacheAsync(recordId, record, cancellationToken).ConfigureAwait(false);
        }

        return loaded;
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        var result = await Durable.CreateAsync(recordId, record, cancellationToken).ConfigureAwait(false);
        if (result == SessionWriteResult.Written)
        {
            await TryPutInCacheAsync(recordId, record, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Durable.UpdateAsync(recordId, changes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also when the durable store threw: it may have written before failing.
            await TryEvictAsync(recordId, afterDelete: false).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Durable.TouchAsync(recordId, expiresAt, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await TryEvictAsync(recordId, afterDelete: false).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        try
        {
            await Durable.DeleteAsync(recordId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await TryEvictAsync(recordId, afterDelete: true).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <returns>How many records the durable store deleted.</returns>
    public async ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cleared = await Durable.ClearExpiredAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A memory cache holds expired records until cleared; caches with their own expiry return 0 at once.
            await Cache.ClearExpiredAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsCacheFailure(exception, cancellationToken))
        {
            Log.CacheClearExpiredFailed(_logger, exception);
        }

        return cleared;
    }

    private async ValueTask TryPutInCacheAsync(string recordId, SessionRecord record, CancellationToken cancellationToken)
    {
        try
        {
            if (await Cache.CreateAsync(recordId, record, cancellationToken).ConfigureAwait(false) != SessionWriteResult.Written)
            {
                // The cache holds a copy the durable store just proved stale or absent (or a concurrent load's): replace it.
                await Cache.DeleteAsync(recordId, cancellationToken).ConfigureAwait(false);
                await Cache.CreateAsync(recordId, record, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (IsCacheFailure(exception, cancellationToken))
        {
            Log.CacheWriteFailed(_logger, exception);
        }
    }

    // Not cancellable: the durable store has changed, and an aborted request must not leave the old copy cached.
    private async ValueTask TryEvictAsync(string recordId, bool afterDelete)
    {
        try
        {
            await Cache.DeleteAsync(recordId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            if (afterDelete)
            {
                Log.CacheEvictionAfterDeleteFailed(_logger, exception);
            }
            else
            {
                Log.CacheEvictionAfterSaveFailed(_logger, exception);
            }
        }
    }

    // A cancelled request is not a cache failure: let the cancellation through instead of falling back.
    private static bool IsCacheFailure(Exception exception, CancellationToken cancellationToken)
        => !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
