using Microsoft.Extensions.Logging;

namespace TypedSessions.Authentication;

// The authentication integration's messages: ids 70–79.
internal static partial class Log
{
    [LoggerMessage(70, LogLevel.Debug, "Signed in to scheme {Scheme}: the session moved to a new key and now belongs to the user ({Outcome}).", EventName = "SessionSignedIn")]
    public static partial void SessionSignedIn(ILogger logger, string scheme, string outcome);

    [LoggerMessage(71, LogLevel.Debug, "Signed out of scheme {Scheme}: the session was flushed.", EventName = "SessionSignedOut")]
    public static partial void SessionSignedOut(ILogger logger, string scheme);

    [LoggerMessage(72, LogLevel.Information, "A principal of scheme {Scheme} was rejected: the session it was signed in with has ended (revoked, signed out elsewhere, or expired).", EventName = "SessionEndedPrincipalRejected")]
    public static partial void PrincipalRejected(ILogger logger, string scheme);
}
