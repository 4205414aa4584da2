namespace TypedSessions;

/// <summary>What a save does when a concurrent request changed the same key since this one loaded it.</summary>
public enum SessionConcurrency
{
    /// <summary>
    /// The later save wins for that key: it is written as this request left it. Keys changed by only one of the
    /// requests are always kept, on every store that merges per key. A save checks nothing, so it never retries.
    /// </summary>
    LastWriterWins,

    /// <summary>
    /// The later save writes nothing and fails with <see cref="SessionConflictException"/>; inside a request the
    /// middleware answers HTTP 409, so the client can reload and retry.
    /// </summary>
    Optimistic,

    /// <summary>
    /// Concurrent changes within one key are merged (the default): a save that finds a key it changes changed
    /// meanwhile reads the stored value, merges it with its own change against the value it loaded (objects property
    /// by property, arrays by element, elements told apart by <see cref="SessionKeyAttribute.Identity"/> or an
    /// <c>Id</c> property), and writes again. Two tabs adding different lines to one cart both keep their line. A value
    /// both changed is settled by <see cref="SessionKeyAttribute.OnConflict"/> (by default the later save wins for that
    /// value only). The save retries a bounded number of times, then answers HTTP 409. A save with no concurrent change
    /// makes the same store calls as <see cref="LastWriterWins"/>.
    /// </summary>
    Merge,
}
