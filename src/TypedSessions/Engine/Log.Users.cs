using Microsoft.Extensions.Logging;

namespace TypedSessions.Engine;

// Messages about session events and users' sessions: ids 60–69.
internal static partial class Log
{
    [LoggerMessage(60, LogLevel.Error, "The session event handler {Handler} threw on a {Kind} event; the request or purge goes on.", EventName = "SessionEventHandlerFailed")]
    public static partial void SessionEventHandlerFailed(ILogger logger, string handler, SessionEventKind kind, Exception exception);

    [LoggerMessage(61, LogLevel.Information, "A user signed in past MaxSessionsPerUser ({Limit}); {Count} of their oldest sessions were revoked.", EventName = "SessionLimitEnforced")]
    public static partial void SessionLimitEnforced(ILogger logger, int limit, int count);

    [LoggerMessage(62, LogLevel.Warning, "MaxSessionsPerUser could not be enforced after a sign-in; the sign-in stands, and the next sign-in of the user enforces it.", EventName = "SessionLimitNotEnforced")]
    public static partial void SessionLimitNotEnforced(ILogger logger, Exception exception);
}
