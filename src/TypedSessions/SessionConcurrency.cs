namespace TypedSessions;

/// <summary>What a save does when a concurrent request changed the same key since this one loaded it.</summary>
public enum SessionConcurrency
{
    /// <summary>
    /// The later save wins for that key (the default). Keys changed by only one of the requests are always kept, on
    /// every store that merges per key.
    /// </summary>
    LastWriterWins,

    /// <summary>
    /// The later save writes nothing and fails with <see cref="SessionConflictException"/>; inside a request the
    /// middleware answers HTTP 409, so the client can reload and retry.
    /// </summary>
    Optimistic,
}
