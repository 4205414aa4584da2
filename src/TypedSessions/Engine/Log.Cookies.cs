using Microsoft.Extensions.Logging;

namespace TypedSessions.Engine;

// Messages about the session cookie itself, what requests send and how the app configures it: ids 50–59.
internal static partial class Log
{
    [LoggerMessage(50, LogLevel.Debug, "A request carried {Count} session cookies of the same name; {Candidates} well-formed ones are looked up in request order. A cookie of that name set by another subdomain or for a longer path causes this.", EventName = "SessionCookiesRepeated")]
    public static partial void SessionCookiesRepeated(ILogger logger, int count, int candidates);

    [LoggerMessage(51, LogLevel.Debug, "Session cookie {Position} of {Candidates} named a live session; the earlier ones did not.", EventName = "LaterSessionCookieUsed")]
    public static partial void LaterSessionCookieUsed(ILogger logger, int position, int candidates);
}
