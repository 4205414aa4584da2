using System.Runtime.ExceptionServices;

namespace TypedSessions;

public sealed partial class Session
{
    /// <summary>
    /// Saves the session now (Django's <c>save()</c>): a keyless session is created under a fresh key, an existing one
    /// is updated with only the keys that changed (or, unchanged, has its expiry refreshed). Inside a request the
    /// middleware saves for you; call this for sessions opened through <see cref="ISessionManager"/>.
    /// </summary>
    /// <param name="cancellationToken">Checked before the save starts; a save that has begun is finished (within <see cref="TypedSessionsOptions.StoreTimeout"/>).</param>
    /// <exception cref="SessionInterruptedException">The record was deleted concurrently; it is not resurrected.</exception>
    /// <exception cref="SessionConflictException">
    /// With <see cref="SessionConcurrency.Optimistic"/>, a key this save changes was changed by a concurrent request.
    /// </exception>
    /// <exception cref="SessionTooLargeException">The session is over <see cref="TypedSessionsOptions.MaxSessionSize"/>; nothing was written.</exception>
    /// <exception cref="SessionStoreUnavailableException">The store failed or did not answer in time.</exception>
    public async ValueTask SaveAsync(CancellationToken cancellationToken = default)
    {
        EnsureLoaded();
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = await _engine.Committer.SaveAsync(this, force: true).ConfigureAwait(false);

        // The caller carries on, and may change values handed out before in place without using the session again: the
        // next commit must compare them afresh, not trust the changes this save left cached.
        Touched();
        ThrowIfFailed(outcome);
    }

    /// <summary>
    /// Deletes the session's record and data and forgets its key (Django's <c>flush()</c>), as on sign-out. The
    /// response deletes the cookie unless the session gets new data, which is then saved under a fresh key.
    /// </summary>
    /// <exception cref="SessionStoreUnavailableException">The store failed or did not answer in time; the record may remain.</exception>
    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        Clear();
        if (_key is { } key)
        {
            await _engine.Storage.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
            var userId = _stored?.UserId;
            ForgetKey();
            _engine.Metrics.Deleted.Add(1);
            await _engine.Events.RaiseAsync(SessionEventKind.Flushed, _engine.Storage.Keys.ToPublicRecordId(key), userId, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        ForgetKey();
    }

    /// <summary>
    /// Moves the session's data to a fresh key and deletes the old record (Django's <c>cycle_key()</c>), as on sign-in,
    /// so that a key planted before sign-in is worthless after it.
    /// </summary>
    /// <exception cref="SessionTooLargeException">The session is over <see cref="TypedSessionsOptions.MaxSessionSize"/>.</exception>
    /// <remarks>
    /// The new record holds the data as it is now; later changes in the same request are saved to it as usual. If the
    /// old record cannot be deleted, the session keeps its old key and the new record is deleted again, so that a
    /// planted key never survives a sign-in that reported success.
    /// </remarks>
    /// <param name="cancellationToken">Checked before the cycle starts; a cycle that has begun is finished (within <see cref="TypedSessionsOptions.StoreTimeout"/>).</param>
    /// <exception cref="SessionStoreUnavailableException">The store failed or did not answer in time.</exception>
    public async ValueTask CycleKeyAsync(CancellationToken cancellationToken = default)
    {
        Access();
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = await _engine.Committer.CycleKeyAsync(this).ConfigureAwait(false);

        // As after SaveAsync: values handed out before may still change in place.
        Touched();
        ThrowIfFailed(outcome);
    }

    private static void ThrowIfFailed(Engine.SessionCommitOutcome outcome)
    {
        if (outcome.IsFailure)
        {
            ExceptionDispatchInfo.Throw(outcome.Error!);
        }
    }
}
