using Microsoft.Extensions.Logging;

namespace TypedSessions.Engine;

/// <summary>The engine's log messages, with stable event ids.</summary>
internal static partial class Log
{
    public const int SessionDataCorruptedId = 1;
    public const int SessionValueMismatchId = 2;

    // Stored data never appears in these messages, and neither do exception messages, which may quote it.
    [LoggerMessage(SessionDataCorruptedId, LogLevel.Warning,
        "Session data corrupted: the stored record could not be decoded ({Problem}; {Error}), so the session reads as empty. This can be tampering. Repeats for this record within an hour are logged at Debug.",
        EventName = "SessionDataCorrupted")]
    public static partial void SessionDataCorrupted(ILogger logger, string problem, string error);

    [LoggerMessage(SessionValueMismatchId, LogLevel.Warning,
        "The stored value of session key '{Key}' ({Length} characters of JSON) does not fit {Type}; it reads as the default value and is kept untouched. Repeats for this key of this session within an hour are logged at Debug.",
        EventName = "SessionValueMismatch")]
    public static partial void SessionValueMismatch(ILogger logger, string key, string type, int length);

    [LoggerMessage(3, LogLevel.Debug, "A session cookie named an unknown or expired session; a fresh key will be issued if the session is saved.", EventName = "SessionNotFound")]
    public static partial void SessionNotFound(ILogger logger);

    [LoggerMessage(4, LogLevel.Debug, "A session cookie was malformed and was not looked up.", EventName = "MalformedSessionCookie")]
    public static partial void MalformedSessionCookie(ILogger logger);

    [LoggerMessage(5, LogLevel.Warning, "The session was deleted before the request completed; it is not resurrected (HTTP 400).", EventName = "SessionInterrupted")]
    public static partial void SessionInterrupted(ILogger logger);

    [LoggerMessage(6, LogLevel.Debug, "Session saved with {ChangedCount} changed and {RemovedCount} removed keys.", EventName = "SessionSaved")]
    public static partial void SessionSaved(ILogger logger, int changedCount, int removedCount);

    [LoggerMessage(7, LogLevel.Debug, "Session created.", EventName = "SessionCreated")]
    public static partial void SessionCreated(ILogger logger);

    [LoggerMessage(8, LogLevel.Warning, "A new session key collided with a live record; drawing another.", EventName = "SessionKeyCollision")]
    public static partial void SessionKeyCollision(ILogger logger);

    [LoggerMessage(9, LogLevel.Information, "A save of {KeyCount} session keys conflicted with a concurrent request and may not overwrite it; nothing was written (HTTP 409).", EventName = "SessionConflict")]
    public static partial void SessionConflict(ILogger logger, int keyCount);

    [LoggerMessage(10, LogLevel.Error, "The session store is unavailable: it does not answer a probe. Session requests fail fast with HTTP 503 until it answers again.", EventName = "StoreUnavailable")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(11, LogLevel.Information, "The session store answers again after {Seconds:0.0} s; session requests are served again.", EventName = "StoreRecovered")]
    public static partial void StoreRecovered(ILogger logger, double seconds);

    [LoggerMessage(12, LogLevel.Debug, "A session save was not attempted or failed because the store is unavailable (HTTP 503).", EventName = "StoreUnavailableForRequest")]
    public static partial void StoreUnavailableForRequest(ILogger logger);

    [LoggerMessage(13, LogLevel.Warning, "A session save timed out or failed under way: it may or may not have been written. It is not retried (HTTP 503).", EventName = "SaveOutcomeUnknown")]
    public static partial void SaveOutcomeUnknown(ILogger logger);

    [LoggerMessage(14, LogLevel.Error, "A session of {Size} bytes is over the limit of {Limit} bytes; nothing was saved.", EventName = "SessionTooLarge")]
    public static partial void SessionTooLarge(ILogger logger, int size, int limit, Exception exception);

    [LoggerMessage(15, LogLevel.Error, "Saving the session failed; nothing is known to have been saved (HTTP 500).", EventName = "SaveFailed")]
    public static partial void SaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(16, LogLevel.Error, "Committing the session as the response started failed; the status is set to 500 and the body is left alone.", EventName = "CommitFailedAsResponseStarted")]
    public static partial void CommitFailedAsResponseStarted(ILogger logger, Exception exception);

    [LoggerMessage(17, LogLevel.Warning, "The session's expiry was not refreshed (SaveEveryRequest) because the store is unavailable; the response is unaffected.", EventName = "RefreshSkipped")]
    public static partial void RefreshSkipped(ILogger logger, Exception exception);

    [LoggerMessage(18, LogLevel.Warning, "A session record made for a key cycle that could not be completed was not deleted; no key names it, and it expires.", EventName = "OrphanedRecordNotDeleted")]
    public static partial void OrphanedRecordNotDeleted(ILogger logger, Exception exception);

    [LoggerMessage(19, LogLevel.Warning, "A session store call failed on a broken connection while the store still answers (a restart or failover); the request fails with HTTP 503 and the store is not marked down.", EventName = "StoreConnectionFailed")]
    public static partial void StoreConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(20, LogLevel.Debug, "A save of {KeyCount} session keys was merged with concurrent changes after {Merges} conflicting writes.", EventName = "SessionMerged")]
    public static partial void SessionMerged(ILogger logger, int keyCount, int merges);

    [LoggerMessage(21, LogLevel.Debug, "Session key {Key} was changed by a concurrent save at {PathPattern} too; the merge settled it as {Resolution}.", EventName = "MergeConflictSettled")]
    public static partial void MergeConflictSettled(ILogger logger, string key, string pathPattern, Merging.JsonConflictResolution resolution);

    [LoggerMessage(22, LogLevel.Warning, "A save merged with concurrent changes {Merges} times and still found its keys changed again; it gives up (HTTP 409).", EventName = "MergeAttemptsExhausted")]
    public static partial void MergeAttemptsExhausted(ILogger logger, int merges);

    [LoggerMessage(23, LogLevel.Debug, "A session reached its absolute lifetime; it reads as empty and its record is deleted.", EventName = "AbsoluteLifetimeReached")]
    public static partial void AbsoluteLifetimeReached(ILogger logger);

    [LoggerMessage(24, LogLevel.Warning, "The record of a session past its absolute lifetime was not deleted because the store is unavailable; it is never loaded again and expires.", EventName = "EndedSessionNotDeleted")]
    public static partial void EndedSessionNotDeleted(ILogger logger, Exception exception);

    [LoggerMessage(25, LogLevel.Warning, "The expiry of a session that was only read was not refreshed ({Status}); the response is unaffected and the next request tries again.", EventName = "SlidingRefreshFailed")]
    public static partial void SlidingRefreshFailed(ILogger logger, SessionCommitStatus status, Exception? exception);

    [LoggerMessage(30, LogLevel.Debug,
        "The stored value of session key '{Key}' ({Length} characters of JSON) still does not fit {Type}; it reads as the default value and is kept untouched.",
        EventName = "SessionValueMismatchRepeated")]
    public static partial void SessionValueMismatchRepeated(ILogger logger, string key, string type, int length);

    [LoggerMessage(31, LogLevel.Debug, "Session data still corrupted: the stored record could not be decoded ({Problem}; {Error}), so the session reads as empty.", EventName = "SessionDataCorruptedRepeated")]
    public static partial void SessionDataCorruptedRepeated(ILogger logger, string problem, string error);
}
