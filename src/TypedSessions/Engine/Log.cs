using Microsoft.Extensions.Logging;

namespace TypedSessions.Engine;

/// <summary>The engine's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Session data corrupted: the stored record could not be decoded, so the session reads as empty. This can be tampering.", EventName = "SessionDataCorrupted")]
    public static partial void SessionDataCorrupted(ILogger logger, Exception exception);

    [LoggerMessage(2, LogLevel.Warning, "The stored value of session key '{Key}' does not fit {Type}; it reads as the default value and is kept untouched.", EventName = "SessionValueMismatch")]
    public static partial void SessionValueMismatch(ILogger logger, string key, string type, Exception exception);

    [LoggerMessage(3, LogLevel.Debug, "A session cookie named an unknown or expired session; a fresh key will be issued if the session is saved.", EventName = "SessionNotFound")]
    public static partial void SessionNotFound(ILogger logger);

    [LoggerMessage(4, LogLevel.Debug, "A session cookie was malformed and was not looked up.", EventName = "MalformedSessionCookie")]
    public static partial void MalformedSessionCookie(ILogger logger);

    [LoggerMessage(5, LogLevel.Warning, "The session was deleted before the request completed; answering 400 instead of resurrecting it.", EventName = "SessionInterrupted")]
    public static partial void SessionInterrupted(ILogger logger);

    [LoggerMessage(6, LogLevel.Debug, "Session saved with {ChangedCount} changed and {RemovedCount} removed keys.", EventName = "SessionSaved")]
    public static partial void SessionSaved(ILogger logger, int changedCount, int removedCount);

    [LoggerMessage(7, LogLevel.Debug, "Session created.", EventName = "SessionCreated")]
    public static partial void SessionCreated(ILogger logger);

    [LoggerMessage(8, LogLevel.Warning, "A new session key collided with a live record; drawing another.", EventName = "SessionKeyCollision")]
    public static partial void SessionKeyCollision(ILogger logger);

    [LoggerMessage(9, LogLevel.Information, "An optimistic save of {KeyCount} session keys conflicted with a concurrent request; answering 409.", EventName = "SessionConflict")]
    public static partial void SessionConflict(ILogger logger, int keyCount);
}
