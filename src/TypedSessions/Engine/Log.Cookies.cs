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

    [LoggerMessage(54, LogLevel.Warning, "The session cookie is sent without Secure on plain HTTP requests (Cookie.SecurePolicy is {Policy}); set Cookie.SecurePolicy = CookieSecurePolicy.Always, or name the cookie with the __Host- prefix. A secure-only session cookie makes it more difficult for network traffic sniffers to hijack user sessions. This is Django's deploy check security.{Check} (SESSION_COOKIE_SECURE is not set to True).", EventName = "SessionCookieNotSecure")]
    public static partial void SessionCookieNotSecure(ILogger logger, Microsoft.AspNetCore.Http.CookieSecurePolicy policy, string check);

    [LoggerMessage(55, LogLevel.Warning, "The session cookie is readable by scripts (Cookie.HttpOnly is false); set it to true. An HttpOnly session cookie makes it more difficult for cross-site scripting attacks to hijack user sessions. This is Django's deploy check security.{Check} (SESSION_COOKIE_HTTPONLY is not set to True).", EventName = "SessionCookieNotHttpOnly")]
    public static partial void SessionCookieNotHttpOnly(ILogger logger, string check);

    [LoggerMessage(56, LogLevel.Warning, "The session cookie has SameSite=None but Cookie.SecurePolicy is {Policy}: browsers reject a SameSite=None cookie without Secure, so sessions would not stick. Set Cookie.SecurePolicy = CookieSecurePolicy.Always, or use SameSite=Lax.", EventName = "SessionCookieSameSiteNoneWithoutSecure")]
    public static partial void SessionCookieSameSiteNoneWithoutSecure(ILogger logger, Microsoft.AspNetCore.Http.CookieSecurePolicy policy);
}
