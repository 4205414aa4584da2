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
/// <item><description>
/// <b>A user's sessions</b> (<see cref="ISessionUserIndex"/>): the durable store's index lists them; a revoke deletes
/// in the durable store, then evicts, as a delete does. A durable store without an index makes these throw
/// <see cref="NotSupportedException"/>.
/// </description></item>
/// </list>
/// <para>
/// As with any cache-aside scheme, a load that misses can race a concurrent update: if it reads the durable store
/// before the update and fills the cache after the update evicted it, the cache serves that older copy until the
/// session is saved again or the entry expires. Saves themselves are never lost, because they go to the durable store.
/// </para>
/// </remarks>
public sealed class CachedSessionRecordStore : ISessionRecordStore, ISessionUserIndex, ISessionPurgeReporting, IDescribedSessionStore, ISessionStoreHealthProbe
{
    private readonly ILogger _logger;
    private readonly TimeSpan _cacheTimeout;

    /// <summary>Creates the store.</summary>
    /// <param name="cache">The fast store in front, for example a memory, Redis or distributed-cache store.</param>
    /// <param name="durable">The store of record, for example a PostgreSQL or SQLite store.</param>
    /// <param name="loggerFactory">Where cache failures are logged; nothing is logged when omitted.</param>
    /// <param name="cacheTimeout">
    /// How long any one call to the cache may take before it counts as a cache failure (logged, never failing the
    /// request). Default: <see cref="DefaultCacheTimeout"/>. Keep it well under <see cref="TypedSessionsOptions.StoreTimeout"/>,
    /// which bounds the cache and the durable store together.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="cache"/> and <paramref name="durable"/> are one instance.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cacheTimeout"/> is not positive.</exception>
    public CachedSessionRecordStore(ISessionRecordStore cache, ISessionRecordStore durable, ILoggerFactory? loggerFactory = null, TimeSpan? cacheTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(durable);
        if (ReferenceEquals(cache, durable))
        {
            throw new ArgumentException(
                $"The cache and the durable store are the same {cache.GetType().Name} instance; a store cannot cache itself. Choose two different stores.",
                nameof(cache));
        }

        _cacheTimeout = cacheTimeout ?? DefaultCacheTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_cacheTimeout, TimeSpan.Zero, nameof(cacheTimeout));
        Cache = cache;
        Durable = durable;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("TypedSessions.Cached");
    }

    /// <summary>The default cache timeout: 1 second, so that a hung cache leaves most of the store timeout to the durable store.</summary>
    public static readonly TimeSpan DefaultCacheTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The store in front.</summary>
    public ISessionRecordStore Cache { get; }

    /// <summary>The store of record.</summary>
    public ISessionRecordStore Durable { get; }

    /// <inheritdoc />
    /// <remarks>
    /// Named <c>cached</c>; a span covers the cache and the durable store together, so it carries the durable store's
    /// <c>db.*</c> attributes, which name where the session is kept.
    /// </remarks>
    public SessionStoreDescription Description
    {
        get
        {
            var durable = SessionStoreDescription.For(Durable);
            return new SessionStoreDescription
            {
                Name = "cached",
                DatabaseSystemName = durable.DatabaseSystemName,
                DatabaseNamespace = durable.DatabaseNamespace,
                CollectionName = durable.CollectionName,
                ServerAddress = durable.ServerAddress,
                ServerPort = durable.ServerPort,
            };
        }
    }

    /// <inheritdoc />
    /// <remarks>The durable store's probe: a failing cache is logged and passed over, so sessions are up while the durable store is.</remarks>
    public ValueTask PingAsync(CancellationToken cancellationToken) => HealthChecks.SessionStoreHealth.PingAsync(Durable, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        try
        {
            var cached = await WithinCacheTimeoutAsync(token => Cache.LoadAsync(recordId, token), cancellationToken).ConfigureAwait(false);
            if (cached.IsFound)
            {
                return cached;
            }

            if (cached.IsUnreadable)
            {
                // The durable copy replaces it below. Only the cache's own description: the error behind it may quote
                // what it could not read.
                Log.CacheReadFailed(_logger, new SessionDataCorruptedException(Engine.StoredDataLog.Bounded(cached.Problem!)));
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
    public ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
        => WriteDurableThenEvictAsync(recordId, () => Durable.UpdateAsync(recordId, changes, cancellationToken));

    /// <inheritdoc />
    public ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        => WriteDurableThenEvictAsync(recordId, () => Durable.TouchAsync(recordId, expiresAt, cancellationToken));

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
            await WithinCacheTimeoutAsync(token => Cache.ClearExpiredAsync(token), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsCacheFailure(exception, cancellationToken))
        {
            Log.CacheClearExpiredFailed(_logger, exception);
        }

        return cleared;
    }

    /// <inheritdoc />
    /// <returns>How many records the durable store deleted; each is reported when the durable store can name it.</returns>
    async ValueTask<int> ISessionPurgeReporting.ClearExpiredAsync(Func<ExpiredSession, ValueTask> onExpired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onExpired);
        if (Durable is not ISessionPurgeReporting reporting)
        {
            return await ClearExpiredAsync(cancellationToken).ConfigureAwait(false);
        }

        var cleared = await reporting.ClearExpiredAsync(onExpired, cancellationToken).ConfigureAwait(false);
        try
        {
            await WithinCacheTimeoutAsync(token => Cache.ClearExpiredAsync(token), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsCacheFailure(exception, cancellationToken))
        {
            Log.CacheClearExpiredFailed(_logger, exception);
        }

        return cleared;
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The durable store keeps no index by user.</exception>
    public IAsyncEnumerable<SessionInfo> ListUserSessionsAsync(string userId, CancellationToken cancellationToken = default)
        => DurableIndex.ListUserSessionsAsync(userId, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The durable store keeps no index by user.</exception>
    public async ValueTask<SessionRevokeResult> RevokeAsync(string recordId, CancellationToken cancellationToken = default)
    {
        var index = DurableIndex;
        SessionRevokeResult result;
        try
        {
            result = await index.RevokeAsync(recordId, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The durable store may have deleted before failing.
            await TryEvictAsync(recordId, afterDelete: true).ConfigureAwait(false);
            throw;
        }

        // An unknown id writes nothing, not even an eviction.
        if (result.Revoked)
        {
            await TryEvictAsync(recordId, afterDelete: true).ConfigureAwait(false);
        }

        return result;
    }

    private ISessionUserIndex DurableIndex => Durable as ISessionUserIndex ?? throw SessionUserIndexSupport.NotSupported(Durable);

    private async ValueTask TryPutInCacheAsync(string recordId, SessionRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await WithinCacheTimeoutAsync(
                async token =>
                {
                    if (await Cache.CreateAsync(recordId, record, token).ConfigureAwait(false) != SessionWriteResult.Written)
                    {
                        // The cache holds a copy the durable store just proved stale or absent (or a concurrent load's): replace it.
                        await Cache.DeleteAsync(recordId, token).ConfigureAwait(false);
                        await Cache.CreateAsync(recordId, record, token).ConfigureAwait(false);
                    }

                    return true;
                },
                cancellationToken).ConfigureAwait(false);
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
            await WithinCacheTimeoutAsync(
                async token =>
                {
                    await Cache.DeleteAsync(recordId, token).ConfigureAwait(false);
                    return true;
                },
                CancellationToken.None).ConfigureAwait(false);
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

    private async ValueTask<SessionWriteResult> WriteDurableThenEvictAsync(string recordId, Func<ValueTask<SessionWriteResult>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            // Also when the durable store threw: it may have written before failing.
            await TryEvictAsync(recordId, afterDelete: false).ConfigureAwait(false);
        }
    }

    // A hung cache must not spend the time the durable store needs: past the cache timeout the call counts as a cache
    // failure (TimeoutException), which the callers log and get past.
    private async ValueTask<T> WithinCacheTimeoutAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_cacheTimeout);
        return await call(timeout.Token).AsTask().WaitAsync(_cacheTimeout, cancellationToken).ConfigureAwait(false);
    }

    // A cancelled request is not a cache failure: let the cancellation through instead of falling back.
    private static bool IsCacheFailure(Exception exception, CancellationToken cancellationToken)
        => !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
