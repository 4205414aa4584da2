using Microsoft.Extensions.Logging;

namespace TypedSessions.Purging;

/// <summary>The log messages of the purge of expired sessions, with stable event ids (40–49).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 40, Message = "Removed {Count} expired sessions from the store.", EventName = "ExpiredSessionsPurged")]
    public static partial void ExpiredSessionsPurged(ILogger logger, LogLevel level, int count);

    [LoggerMessage(41, LogLevel.Warning, "Removing expired sessions failed; the next purge, in {Interval}, tries again. Expired sessions never load meanwhile.", EventName = "PurgeFailed")]
    public static partial void PurgeFailed(ILogger logger, TimeSpan interval, Exception exception);

    [LoggerMessage(42, LogLevel.Debug, "Expired sessions are removed from the store every {Interval}.", EventName = "PurgeScheduled")]
    public static partial void PurgeScheduled(ILogger logger, TimeSpan interval);

    [LoggerMessage(43, LogLevel.Error, "The sessions clear-expired command failed.", EventName = "ClearExpiredCommandFailed")]
    public static partial void ClearExpiredCommandFailed(ILogger logger, Exception exception);
}
