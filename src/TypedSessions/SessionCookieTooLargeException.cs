namespace TypedSessions;

/// <summary>
/// The cookie store cannot save a session whose cookie would exceed what browsers keep; the session is not silently
/// dropped. Store less in the session, or choose a server-side store.
/// </summary>
public sealed class SessionCookieTooLargeException : SessionTooLargeException
{
    /// <summary>Creates the exception for a cookie of <paramref name="size"/> bytes.</summary>
    public SessionCookieTooLargeException(int size, int limit)
        : base(
            $"The session cookie would be {size:N0} bytes, over the browser limit of {limit:N0} bytes. Store less in the session or use a server-side store.",
            size,
            limit,
            [])
    {
    }
}
