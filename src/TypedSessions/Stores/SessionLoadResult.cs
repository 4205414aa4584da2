namespace TypedSessions.Stores;

/// <summary>What a store found for a record id.</summary>
public readonly record struct SessionLoadResult
{
    private SessionLoadResult(SessionRecord? record, string? problem, Exception? exception)
    {
        Record = record;
        Problem = problem;
        Exception = exception;
    }

    /// <summary>No live record has the id (never written, deleted or expired).</summary>
    public static SessionLoadResult NotFound => default;

    /// <summary>The live record, when one was found.</summary>
    public SessionRecord? Record { get; }

    /// <summary>Why stored data could not be read, when it could not; the engine reads it as an empty session and logs it.</summary>
    public string? Problem { get; }

    /// <summary>The error behind <see cref="Problem"/>, if any, for the security log.</summary>
    public Exception? Exception { get; }

    /// <summary>Whether a live, readable record was found.</summary>
    public bool IsFound => Record is not null;

    /// <summary>Whether data was found that cannot be read.</summary>
    public bool IsUnreadable => Problem is not null;

    /// <summary>A live record.</summary>
    public static SessionLoadResult Found(SessionRecord record) => new(record ?? throw new ArgumentNullException(nameof(record)), null, null);

    /// <summary>Stored data that cannot be decoded: corruption, tampering, or a format version newer than this build reads.</summary>
    public static SessionLoadResult Unreadable(string problem, Exception? exception = null)
        => new(null, problem ?? throw new ArgumentNullException(nameof(problem)), exception);
}
