namespace TypedSessions;

/// <summary>
/// The session store failed, did not answer within <see cref="TypedSessionsOptions.StoreTimeout"/>, or is known to be
/// down. Inside a request the middleware answers HTTP 503 with <c>Retry-After</c>; endpoints that do not use the
/// session are unaffected (with <see cref="TypedSessionsOptions.SaveEveryRequest"/>, their expiry refresh is skipped).
/// </summary>
public sealed class SessionStoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="mayHaveBeenWritten">Whether a write was under way when the store stopped answering.</param>
    /// <param name="innerException">The store's own error, if any.</param>
    public SessionStoreUnavailableException(string message, bool mayHaveBeenWritten = false, Exception? innerException = null)
        : base(message, innerException)
    {
        MayHaveBeenWritten = mayHaveBeenWritten;
    }

    /// <summary>
    /// Whether a write timed out: the store may or may not have applied it. It is never retried blindly; reload the
    /// session to see what it holds.
    /// </summary>
    public bool MayHaveBeenWritten { get; }
}
