namespace TypedSessions.Stores;

/// <summary>
/// Thrown by a store when a record's data cannot be decoded (corruption or tampering). The engine reads such a
/// session as empty, under a fresh key, and logs a security warning; the request never fails.
/// </summary>
public sealed class SessionDataCorruptedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SessionDataCorruptedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
