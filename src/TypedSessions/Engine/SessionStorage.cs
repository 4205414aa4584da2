using Microsoft.Extensions.Logging;
using TypedSessions.Diagnostics;
using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>
/// The store as sessions see it: keys in, records out. Turns keys into record ids through the key scheme, runs every
/// call through the guard, and logs what it finds.
/// </summary>
internal sealed class SessionStorage(ISessionKeyScheme keys, GuardedSessionStore store, ILogger logger, StoredDataLog storedDataLog, SessionEventDispatcher events, SessionMetrics metrics)
{
    public ISessionKeyScheme Keys => keys;

    public GuardedSessionStore Store => store;

    /// <summary>The live record <paramref name="key"/> names, or <see langword="null"/> (unknown, expired or unreadable).</summary>
    /// <exception cref="SessionStoreUnavailableException">The store failed or did not answer in time.</exception>
    public async ValueTask<SessionRecord?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var recordId = keys.ToRecordId(key);
        var result = await store.CallAsync(StoreOperation.Load, recordId, static (s, id, token) => s.LoadAsync(id, token), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw result.ToException("load", isWrite: false);
        }

        var loaded = result.Value;
        if (loaded.IsUnreadable)
        {
            storedDataLog.Corrupted(recordId, loaded.Problem!, loaded.Exception);
            return null;
        }

        if (loaded.Record is null)
        {
            Log.SessionNotFound(logger);
        }

        return loaded.Record;
    }

    /// <summary>
    /// The first of <paramref name="key"/> and then <paramref name="otherKeys"/> (further cookies of the same name, in
    /// request order) that names a live record, with the record; both null when none does. A record that
    /// <paramref name="hasEnded"/> (its absolute lifetime is over) is deleted and passed over.
    /// </summary>
    /// <exception cref="SessionStoreUnavailableException">The store failed or did not answer in time.</exception>
    public async ValueTask<(string? Key, SessionRecord? Record)> LoadFirstLiveAsync(
        string key, string[]? otherKeys, Func<SessionRecord, bool> hasEnded, CancellationToken cancellationToken)
    {
        var count = 1 + (otherKeys?.Length ?? 0);
        for (var i = 0; i < count; i++)
        {
            var candidate = i == 0 ? key : otherKeys![i - 1];
            if (await LoadAsync(candidate, cancellationToken).ConfigureAwait(false) is not { } record)
            {
                continue;
            }

            if (hasEnded(record))
            {
                metrics.SessionsExpired(1, "absolute_lifetime");
                await DeleteEndedAsync(candidate, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (i > 0)
            {
                Log.LaterSessionCookieUsed(logger, i + 1, count);
            }

            metrics.Loaded.Add(1);
            return (candidate, record);
        }

        return default;
    }

    /// <exception cref="SessionStoreUnavailableException">The store failed or did not answer in time.</exception>
    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (!keys.IsWellFormed(key))
        {
            return;
        }

        var result = await store.CallAsync(
            StoreOperation.Delete,
            async (s, token) =>
            {
                await s.DeleteAsync(keys.ToRecordId(key), token).ConfigureAwait(false);
                return true;
            },
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw result.ToException("delete", isWrite: true);
        }
    }

    /// <summary>
    /// Deletes the record of a session that reached its absolute lifetime. Best effort: a store that fails is logged,
    /// and the record stays until it expires, never loaded again.
    /// </summary>
    public async ValueTask DeleteEndedAsync(string key, CancellationToken cancellationToken)
    {
        Log.AbsoluteLifetimeReached(logger);
        try
        {
            await DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionStoreUnavailableException exception)
        {
            Log.EndedSessionNotDeleted(logger, exception);
        }
    }

    /// <summary>
    /// Deletes expired records. Not bounded by the store timeout, and never counted as an outage: a purge of a large
    /// table may take its time, and its caller (a job, a command) decides how long to wait through the token.
    /// </summary>
    /// <remarks>A store that can name what it deleted reports each record to the event handlers, if any listen.</remarks>
    public async ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken)
    {
        var removed = await store.Telemetry.MeasureAsync(
            StoreOperation.ClearExpired,
            token => events.HasHandlers && store.Store is ISessionPurgeReporting reporting
                ? reporting.ClearExpiredAsync(expired => events.RaiseAsync(SessionEventKind.Expired, expired.RecordId, expired.UserId, token), token)
                : store.Store.ClearExpiredAsync(token),
            cancellationToken).ConfigureAwait(false);
        metrics.SessionsExpired(removed, "purge");
        return removed;
    }
}
