namespace TypedSessions;

/// <summary>
/// An optimistic save found that a key it changes was changed by a concurrent request since the session was loaded.
/// Nothing was written; inside a request the middleware answers HTTP 409.
/// </summary>
public sealed class SessionConflictException : Exception
{
    /// <summary>Creates the exception for the keys this save changes.</summary>
    public SessionConflictException(IEnumerable<string> keys)
        : base($"The session was changed by a concurrent request since it was loaded; none of the keys {string.Join(", ", keys.Select(key => $"'{key}'"))} were saved.")
    {
        Keys = keys.ToList();
    }

    /// <summary>The keys this save would have changed.</summary>
    public IReadOnlyList<string> Keys { get; }
}
