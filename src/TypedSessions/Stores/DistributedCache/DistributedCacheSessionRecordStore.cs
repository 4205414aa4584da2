using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;

namespace TypedSessions.Stores.DistributedCache;

/// <summary>
/// Keeps sessions in any <see cref="IDistributedCache"/> (SQL Server, Redis through
/// <c>Microsoft.Extensions.Caching.StackExchangeRedis</c>, NCache, a hybrid cache and the like): one entry per
/// session, under <see cref="DistributedCacheSessionRecordStoreOptions.KeyPrefix"/> plus the record id, holding the whole
/// record as one blob with an absolute expiration at the record's expiry.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="IDistributedCache"/> offers only get, set and remove; it has no compare-and-set. What the store
/// contract asks to be atomic is therefore best effort here:
/// </para>
/// <list type="bullet">
/// <item><description>
/// Create-only, update-only, the per-key merge of an update and the optimistic check of
/// <see cref="SessionChanges.ExpectedValues"/> are a read followed by a write. Within one instance of the app they
/// are atomic: this store serializes writes to the same record with an in-process lock. Between instances of the app
/// (several servers sharing the cache) a save can overwrite a change another instance made between its read and its
/// write: concurrent writers are <b>last writer wins</b>, a save racing a delete can bring the session back, and an
/// optimistic save can miss a conflict. Use the Redis or PostgreSQL store when several instances must not lose updates.
/// </description></item>
/// <item><description>
/// Without a race, an update applies its changed and removed keys to the record it reads, so keys changed by earlier
/// requests are kept.
/// </description></item>
/// <item><description>
/// The expiry is stored inside the blob and checked against the app's <see cref="TimeProvider"/>: a record past its
/// expiry is never loaded, even while the cache still holds it. The entry's own expiration (set relative to now, so
/// that clock differences between the app and the cache server do not matter) lets the cache drop it.
/// </description></item>
/// <item><description>
/// A cache cannot be enumerated, so <see cref="ClearExpiredAsync"/> deletes nothing and returns 0: expired entries
/// are removed by the cache itself. A cache that evicts under memory pressure can lose live sessions.
/// </description></item>
/// </list>
/// </remarks>
public sealed class DistributedCacheSessionRecordStore : ISessionRecordStore, IDescribedSessionStore
{
    private static readonly SessionStoreDescription DistributedCacheDescription = new() { Name = "distributed_cache" };

    private readonly IDistributedCache _cache;
    private readonly string _keyPrefix;
    private readonly TimeProvider _time;
    private readonly StripedAsyncLock _writeLock = new();

    /// <inheritdoc />
    public SessionStoreDescription Description => DistributedCacheDescription;

    /// <summary>Creates the store over <paramref name="cache"/>.</summary>
    /// <param name="cache">Where the entries live.</param>
    /// <param name="options">The key prefix; validated here as well as at startup.</param>
    /// <param name="timeProvider">The clock that decides which records have expired.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public DistributedCacheSessionRecordStore(IDistributedCache cache, IOptions<DistributedCacheSessionRecordStoreOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        DistributedCacheSessionRecordStoreOptionsValidator.ThrowIfInvalid(options.Value);
        _cache = cache;
        _keyPrefix = options.Value.KeyPrefix;
        _time = timeProvider;
    }

    /// <inheritdoc />
    public async ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        var data = await _cache.GetAsync(CacheKey(recordId), cancellationToken).ConfigureAwait(false);
        if (data is null)
        {
            return SessionLoadResult.NotFound;
        }

        try
        {
            return LiveOrNull(SessionRecordEnvelope.Decode(data)) is { } record ? SessionLoadResult.Found(record) : SessionLoadResult.NotFound;
        }
        catch (SessionDataCorruptedException exception)
        {
            return SessionLoadResult.Unreadable(exception.Message, exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>Best effort between instances of the app: see the class remarks.</remarks>
    public async ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(record);
        using (await _writeLock.EnterAsync(recordId, cancellationToken).ConfigureAwait(false))
        {
            if (await ReadLiveAsync(recordId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return SessionWriteResult.IdTaken;
            }

            await WriteAsync(recordId, record, cancellationToken).ConfigureAwait(false);
            return SessionWriteResult.Written;
        }
    }

    /// <inheritdoc />
    /// <remarks>Best effort between instances of the app: see the class remarks.</remarks>
    public async ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(changes);
        using (await _writeLock.EnterAsync(recordId, cancellationToken).ConfigureAwait(false))
        {
            var current = await ReadLiveAsync(recordId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return SessionWriteResult.NotFound;
            }

            if (!changes.ExpectedValuesMatch(current.Values))
            {
                return SessionWriteResult.Conflict;
            }

            var updated = current with
            {
                Values = changes.ApplyTo(current.Values),
                ExpiresAt = changes.ExpiresAt,
                LastSavedAt = changes.SavedAt ?? current.LastSavedAt,
                UserId = changes.UserIdChanged ? changes.UserId : current.UserId,
            };
            await WriteAsync(recordId, updated, cancellationToken).ConfigureAwait(false);
            return SessionWriteResult.Written;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A cache entry is one blob, so the expiry inside it can only move by writing the entry again: the data is read
    /// and written back unchanged. Best effort between instances of the app: see the class remarks.
    /// </remarks>
    public async ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        using (await _writeLock.EnterAsync(recordId, cancellationToken).ConfigureAwait(false))
        {
            var current = await ReadLiveAsync(recordId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return SessionWriteResult.NotFound;
            }

            await WriteAsync(recordId, current with { ExpiresAt = expiresAt }, cancellationToken).ConfigureAwait(false);
            return SessionWriteResult.Written;
        }
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);

        // Under the write lock, so that an update of this instance that read the record before cannot write it back.
        using (await _writeLock.EnterAsync(recordId, cancellationToken).ConfigureAwait(false))
        {
            await _cache.RemoveAsync(CacheKey(recordId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes nothing: a cache cannot be enumerated, and it removes expired entries itself.</summary>
    /// <returns>Always 0.</returns>
    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(0);

    private string CacheKey(string recordId) => _keyPrefix + recordId;

    private SessionRecord? LiveOrNull(SessionRecord record) => record.ExpiresAt > _time.GetUtcNow() ? record : null;

    // For writes: an entry that cannot be decoded is not a live record (its expiry is unknown), so a create may replace
    // it and an update finds nothing to update. Only LoadAsync reports it, for the security log.
    private async ValueTask<SessionRecord?> ReadLiveAsync(string recordId, CancellationToken cancellationToken)
    {
        var data = await _cache.GetAsync(CacheKey(recordId), cancellationToken).ConfigureAwait(false);
        if (data is null)
        {
            return null;
        }

        try
        {
            return LiveOrNull(SessionRecordEnvelope.Decode(data));
        }
        catch (SessionDataCorruptedException)
        {
            return null;
        }
    }

    private async ValueTask WriteAsync(string recordId, SessionRecord record, CancellationToken cancellationToken)
    {
        var expiresAt = record.ExpiresAt;
        // Relative to the app's clock, not absolute: caches reject absolute expirations in their own past, and the
        // cache server's clock need not agree with ours. The envelope's expiry stays the one that counts.
        var remaining = expiresAt - _time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            // Already expired: keeping nothing is what a store holding an expired record looks like from outside.
            await _cache.RemoveAsync(CacheKey(recordId), cancellationToken).ConfigureAwait(false);
            return;
        }

        var entry = new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = remaining };
        await _cache.SetAsync(CacheKey(recordId), SessionRecordEnvelope.Encode(record), entry, cancellationToken).ConfigureAwait(false);
    }
}
