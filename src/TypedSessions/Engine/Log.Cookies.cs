using Microsoft.Extensions.Logging;

namespace TypedSessions.Engine;

// Messages about the session cookie itself, what requests send and how the app configures it: ids 50–59.
internal static partial class Log
{
    [LoggerMessage(50, LogLevel.Debug, "A request carried {Count} session cookies of the same name; {Candidates} well-formed ones are looked up in request order. A cookie of that name set by another subdomain or for a longer path causes this.", EventName = "SessionCookiesRepeated")]
    public static partial void SessionCookiesRepeated(ILogger logger, int count, int candidates);

    [LoggerMessage(51, LogLevel.Debug, "Session cookie {Position} of {Candidates} named a live session; the earlier ones did not.", EventName = "LaterSessionCookieUsed")]
    public static partial void LaterSessionCookieUsed(ILogger logger, int position, int candidates);

    [LoggerMessage(52, LogLevel.Warning, "A session cookie could not be opened ({Problem}): this app's key ring did not seal it, so it is forged, damaged, or from another app or a removed key. The session reads as empty. Such cookies cost no server state; further ones are logged at Debug, with at most one Warning every {IntervalSeconds} s ({Suppressed} since the last).", EventName = "UnsealedSessionCookie")]
    public static partial void UnsealedSessionCookie(ILogger logger, string problem, double intervalSeconds, long suppressed);

    [LoggerMessage(53, LogLevel.Debug, "A session cookie could not be opened ({Problem}); the session reads as empty.", EventName = "UnsealedSessionCookieRepeated")]
    public static partial void UnsealedSessionCookieRepeated(ILogger logger, string problem);
}
