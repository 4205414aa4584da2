namespace TypedSessions;

/// <summary>
/// A save would exceed <see cref="TypedSessionsOptions.MaxSessionSize"/> (or, for the cookie store, what a browser
/// keeps of one cookie). Nothing was written; inside a request an unsent response becomes HTTP 500.
/// </summary>
public class SessionTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception for an encoded session of <paramref name="size"/> bytes.</summary>
    /// <param name="size">The encoded session, in bytes.</param>
    /// <param name="limit">The limit it exceeds, in bytes.</param>
    /// <param name="largestKeys">The largest keys with their encoded sizes, largest first.</param>
    public SessionTooLargeException(int size, int limit, IReadOnlyList<KeyValuePair<string, int>> largestKeys)
        : this(
            $"The session would be {size:N0} bytes encoded, over the limit of {limit:N0} bytes (TypedSessionsOptions.MaxSessionSize); nothing was saved. " +
            $"Largest keys: {Describe(largestKeys)}. Store less in the session, or raise the limit.",
            size,
            limit,
            largestKeys)
    {
    }

    /// <summary>Creates the exception with a message of the caller's.</summary>
    protected SessionTooLargeException(string message, int size, int limit, IReadOnlyList<KeyValuePair<string, int>> largestKeys)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(largestKeys);
        Size = size;
        Limit = limit;
        LargestKeys = largestKeys;
    }

    /// <summary>The encoded size, in bytes.</summary>
    public int Size { get; }

    /// <summary>The limit it exceeds, in bytes.</summary>
    public int Limit { get; }

    /// <summary>The largest keys with their encoded sizes in bytes, largest first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> LargestKeys { get; }

    private static string Describe(IReadOnlyList<KeyValuePair<string, int>> keys)
        => keys.Count == 0 ? "none" : string.Join(", ", keys.Select(pair => $"'{pair.Key}' ({pair.Value:N0} bytes)"));
}
