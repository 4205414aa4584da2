namespace TypedSessions;

/// <summary>
/// A session could not be saved because its record was deleted while the request ran, for example by a sign-out in a
/// concurrent request. The session is not resurrected; inside a request the middleware answers HTTP 400.
/// </summary>
public sealed class SessionInterruptedException : Exception
{
    /// <summary>The message Django uses for the same condition.</summary>
    public const string DefaultMessage =
        "The request's session was deleted before the request completed. The user may have logged out in a concurrent request, for example.";

    /// <summary>Creates the exception with <see cref="DefaultMessage"/>.</summary>
    public SessionInterruptedException()
        : base(DefaultMessage)
    {
    }
}
