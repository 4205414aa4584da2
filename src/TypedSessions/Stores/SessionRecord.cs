namespace TypedSessions.Stores;

/// <summary>A stored session: the JSON of each key, the instant the record expires, and the store's metadata.</summary>
/// <param name="Values">Each session key with the UTF-8 JSON text of its value.</param>
/// <param name="ExpiresAt">When the record stops being loadable.</param>
public sealed record SessionRecord(IReadOnlyDictionary<string, string> Values, DateTimeOffset ExpiresAt)
{
    /// <summary>When the session was first saved; <see langword="null"/> for records written before stores kept it.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the session's data was last written; <see langword="null"/> for records written before stores kept it.</summary>
    public DateTimeOffset? LastSavedAt { get; init; }

    /// <summary>The user the session belongs to, if any.</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// The layout the record was written in (<see cref="SessionRecordFormat.CurrentVersion"/> for new records). Records
    /// written before versioning read as version 1, which is the same layout.
    /// </summary>
    public int FormatVersion { get; init; } = SessionRecordFormat.CurrentVersion;
}
