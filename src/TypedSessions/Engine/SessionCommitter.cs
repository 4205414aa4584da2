using System.Text;
using Microsoft.Extensions.Logging;
using TypedSessions.Diagnostics;
using TypedSessions.Merging;
using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>
/// The one place that decides what a save writes: create, update, touch or nothing, from the session's changes
/// computed once. It returns an outcome and never throws for what a store reports; callers map outcomes to HTTP or
/// to exceptions.
/// </summary>
internal sealed class SessionCommitter(SessionStorage storage, TypedSessionsOptions options, ILogger logger, SessionMetrics metrics, SessionEventDispatcher events)
{
    // A collision among 36^32 keys means a broken random source; stop rather than loop.
    private const int MaxCreateAttempts = 10;

    private const int LargestKeysReported = 3;

    // Each merge costs a read and a write. Two tabs need one; a burst of twenty writers to one key needs a few each,
    // spread out by a short random pause. Past this, a key so contended answers 409 rather than keep a request waiting.
    private const int MaxMergeAttempts = 10;

    /// <summary>Saves what changed; with <paramref name="force"/>, also an unchanged session (created, or its expiry touched).</summary>
    public async ValueTask<SessionCommitOutcome> SaveAsync(Session session, bool force)
    {
        var changes = session.GetChanges();
        if (!changes.HasChanges && !force)
        {
            return SessionCommitOutcome.NothingToSave;
        }

        // A touch writes no data, so a session stored under an older, larger limit can still have its expiry moved.
        if (changes.HasChanges && CheckSize(changes) is { } tooLarge)
        {
            return Rejected(tooLarge);
        }

        var key = session.CurrentKey;
        return key is null ? await CreateAsync(session, changes, raiseCreated: true).ConfigureAwait(false)
            : changes.HasChanges ? await UpdateAsync(session, key, changes).ConfigureAwait(false)
            : await TouchAsync(session, key, changes).ConfigureAwait(false);
    }

    /// <summary>Moves the session's data to a new record under a fresh key, then deletes the old record (sign-in).</summary>
    public async ValueTask<SessionCommitOutcome> CycleKeyAsync(Session session)
    {
        var previousKey = session.CurrentKey;
        var before = session.CaptureKeyState();
        var changes = session.GetChanges();
        if (CheckSize(changes) is { } tooLarge)
        {
            return Rejected(tooLarge);
        }

        var outcome = await CreateAsync(session, changes, raiseCreated: previousKey is null).ConfigureAwait(false);
        if (outcome.IsFailure || previousKey is null)
        {
            return outcome;
        }

        try
        {
            await storage.DeleteAsync(previousKey, CancellationToken.None).ConfigureAwait(false);
            metrics.Cycled.Add(1);
            await events.RaiseAsync(
                SessionEventKind.KeyCycled, session.RecordId!, session.UserId, storage.Keys.ToPublicRecordId(previousKey), CancellationToken.None).ConfigureAwait(false);
            return outcome;
        }
        catch (SessionStoreUnavailableException exception) when (exception.MayHaveBeenWritten)
        {
            // The old record may be gone already: dropping the new one too could lose the session, so it stays on the
            // new key, and the failure is reported.
            return FromUnavailable(exception);
        }
        catch (Exception exception)
        {
            // The old key still works, so the cycle has not happened: keep the old key and drop the new record.
            var newKey = session.CurrentKey!;
            session.RevertKey(before);
            await TryDeleteAsync(newKey).ConfigureAwait(false);
            return exception is SessionStoreUnavailableException unavailable ? FromUnavailable(unavailable) : Failed(exception);
        }
    }

    private async ValueTask<SessionCommitOutcome> CreateAsync(Session session, SessionChanges changes, bool raiseCreated)
    {
        var record = session.RecordAfter(changes);
        for (var attempt = 0; attempt < MaxCreateAttempts; attempt++)
        {
            var key = storage.Keys.NewKey();
            var recordId = storage.Keys.ToRecordId(key);
            var result = await CallAsync(StoreOperation.Create, (store, token) => store.CreateAsync(recordId, record, token)).ConfigureAwait(false);
            if (result.Outcome is { } failure)
            {
                return failure;
            }

            if (result.Written == SessionWriteResult.IdTaken)
            {
                Log.SessionKeyCollision(logger);
                continue;
            }

            Log.SessionCreated(logger);
            var outcome = Written(session, key, changes, record, SessionCommitOutcome.Created);
            if (!outcome.IsFailure)
            {
                CountSaved(changes);
            }

            if (raiseCreated && !outcome.IsFailure)
            {
                metrics.Created.Add(1);
                await events.RaiseAsync(SessionEventKind.Created, recordId, record.UserId, CancellationToken.None).ConfigureAwait(false);
            }

            return outcome;
        }

        return Failed(new InvalidOperationException($"No free session key was found in {MaxCreateAttempts} attempts; the store reports every new key as taken."));
    }

    private async ValueTask<SessionCommitOutcome> UpdateAsync(Session session, string key, SessionChanges changes)
    {
        var recordId = storage.Keys.ToRecordId(key);
        for (var merges = 0; ; merges++)
        {
            var result = await CallAsync(StoreOperation.Update, (store, token) => store.UpdateAsync(recordId, changes, token)).ConfigureAwait(false);
            if (result.Outcome is { } failure)
            {
                return failure;
            }

            if (result.Written == SessionWriteResult.NotFound)
            {
                return Interrupted();
            }

            if (result.Written == SessionWriteResult.Written)
            {
                if (merges > 0)
                {
                    Log.SessionMerged(logger, changes.Changed.Count + changes.Removed.Count, merges);
                    session.AdoptMerged(changes);
                }

                Log.SessionSaved(logger, changes.Changed.Count, changes.Removed.Count);
                var updated = Written(session, key, changes, session.RecordAfter(changes), SessionCommitOutcome.Updated);
                if (!updated.IsFailure)
                {
                    CountSaved(changes);
                }

                return updated;
            }

            // Only a save that stated what it loaded can merge; a store that reports a conflict otherwise is believed.
            if (options.Concurrency != SessionConcurrency.Merge || changes.ExpectedValues is null)
            {
                return Conflict(changes.Changed.Keys.Concat(changes.Removed).ToList());
            }

            if (merges == MaxMergeAttempts)
            {
                Log.MergeAttemptsExhausted(logger, merges);
                return Conflict(changes.Changed.Keys.Concat(changes.Removed).ToList());
            }

            // Someone changed a key this save changes: merge with what is there now, and write again expecting that.
            // The first merge goes at once (two tabs). After that, a random pause, doubling its range each time (1-4 ms,
            // then up to 128 ms), keeps a burst of writers from colliding again in lockstep.
            if (merges > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 1 + (4 << Math.Min(merges - 1, 5))))).ConfigureAwait(false);
            }
            StoreCallResult<SessionLoadResult> current;
            try
            {
                current = await storage.Store.CallAsync(StoreOperation.Load, (store, token) => store.LoadAsync(recordId, token)).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                return Failed(exception);
            }

            if (!current.Succeeded)
            {
                return FromUnavailable(current.ToException("load before a merge", isWrite: false));
            }

            if (current.Value.Record is not { } theirs)
            {
                return Interrupted();
            }

            var rebase = SessionChangesMerge.Rebase(changes, theirs.Values, session.MergeRulesFor);
            foreach (var (conflictKey, conflict) in rebase.Conflicts)
            {
                Log.MergeConflictSettled(logger, conflictKey, conflict.PathPattern, conflict.Resolution);
                metrics.ConflictSettled(conflict.Resolution);
            }

            if (rebase.Changes is not { } rebased)
            {
                return Conflict(rebase.RejectedKeys);
            }

            // Merged collections hold both sides' elements: the limit applies to what is written now.
            if (CheckSize(rebased) is { } tooLarge)
            {
                return Rejected(tooLarge);
            }

            changes = rebased;
            metrics.MergeRetried();
        }
    }

    private SessionCommitOutcome Conflict(IReadOnlyList<string> keys)
    {
        Log.SessionConflict(logger, keys.Count);
        return new SessionCommitOutcome(SessionCommitStatus.Conflict, new SessionConflictException(keys));
    }

    private async ValueTask<SessionCommitOutcome> TouchAsync(Session session, string key, SessionChanges changes)
    {
        var recordId = storage.Keys.ToRecordId(key);
        var result = await CallAsync(StoreOperation.Touch, (store, token) => store.TouchAsync(recordId, changes.ExpiresAt, token)).ConfigureAwait(false);
        if (result.Outcome is { } failure)
        {
            return failure;
        }

        if (result.Written == SessionWriteResult.NotFound)
        {
            return Interrupted();
        }

        // A touch moves the expiry only: the data was last saved when it was last saved.
        var touched = session.RecordAfter(changes) with { LastSavedAt = session.StoredRecord?.LastSavedAt };
        var outcome = Written(session, key, changes, touched, SessionCommitOutcome.Touched);
        if (!outcome.IsFailure)
        {
            metrics.Touched.Add(1);
        }

        return outcome;
    }

    // The key scheme has the last word on the cookie: a sealed cookie can still turn out too large to send.
    private SessionCommitOutcome Written(Session session, string key, SessionChanges changes, SessionRecord record, SessionCommitOutcome outcome)
    {
        var issue = storage.Keys.KeyAfterWrite(key, record);
        if (issue.TooLarge is { } tooLarge)
        {
            return Rejected(tooLarge);
        }

        session.MarkWritten(issue.Key!, changes, record);
        return outcome;
    }

    private async ValueTask<(SessionWriteResult Written, SessionCommitOutcome? Outcome)> CallAsync(
        StoreOperation operation, Func<ISessionRecordStore, CancellationToken, ValueTask<SessionWriteResult>> write)
    {
        StoreCallResult<SessionWriteResult> result;
        try
        {
            // Not the request's token: a save that has begun is finished even if the client goes away.
            result = await storage.Store.CallAsync(operation, write).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return (default, Failed(exception));
        }

        if (result.Succeeded)
        {
            return (result.Value, null);
        }

        return (default, FromUnavailable(result.ToException("save", isWrite: true)));
    }

    private SessionCommitOutcome FromUnavailable(SessionStoreUnavailableException exception)
    {
        if (exception.MayHaveBeenWritten)
        {
            Log.SaveOutcomeUnknown(logger);
            return new SessionCommitOutcome(SessionCommitStatus.MayHaveBeenWritten, exception);
        }

        Log.StoreUnavailableForRequest(logger);
        return new SessionCommitOutcome(SessionCommitStatus.StoreUnavailable, exception);
    }

    private SessionCommitOutcome Interrupted()
    {
        Log.SessionInterrupted(logger);
        return new SessionCommitOutcome(SessionCommitStatus.Interrupted, new SessionInterruptedException());
    }

    // Best effort: a record nobody holds a key to is harmless, and expires.
    private async ValueTask TryDeleteAsync(string key)
    {
        try
        {
            await storage.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.OrphanedRecordNotDeleted(logger, exception);
        }
    }

    private SessionCommitOutcome Rejected(SessionTooLargeException tooLarge)
    {
        Log.SessionTooLarge(logger, tooLarge.Size, tooLarge.Limit, tooLarge);
        return new SessionCommitOutcome(SessionCommitStatus.TooLarge, tooLarge);
    }

    private SessionCommitOutcome Failed(Exception exception)
    {
        Log.SaveFailed(logger, exception);
        return new SessionCommitOutcome(SessionCommitStatus.Failed, exception);
    }

    // The size of the session as one JSON object of its keys, as the blob stores write it.
    private SessionTooLargeException? CheckSize(SessionChanges changes)
    {
        if (options.MaxSessionSize is not { } limit)
        {
            return null;
        }

        var size = SizeOf(changes);

        // The per-key breakdown is for the error only, built when there is one.
        return size <= limit
            ? null
            : new SessionTooLargeException(size, limit, changes.Values
                .Select(pair => KeyValuePair.Create(pair.Key, SizeOf(pair.Key, pair.Value)))
                .OrderByDescending(pair => pair.Value)
                .Take(LargestKeysReported)
                .ToList());
    }

    // Counting bytes costs a pass over the values: only while someone listens to the size histogram.
    private void CountSaved(SessionChanges changes)
    {
        metrics.Saved.Add(1);
        if (metrics.Size.Enabled)
        {
            metrics.Size.Record(SizeOf(changes));
        }
    }

    private static int SizeOf(SessionChanges changes)
    {
        var size = 2 + Math.Max(0, changes.Values.Count - 1);
        foreach (var (key, json) in changes.Values)
        {
            size += SizeOf(key, json);
        }

        return size;
    }

    // "key":json, quotes and colon included.
    private static int SizeOf(string key, string json) => Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(json) + 3;
}
