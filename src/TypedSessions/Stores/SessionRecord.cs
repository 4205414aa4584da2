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

    /// <summary>The user the session belongs to, if any (<see cref="Session.UserId"/>).</summary>
    public string? UserId { get; init; }

    /// <summary>
    /// The <c>User-Agent</c> of the request that created the record, when <see cref="TypedSessionsOptions.RecordUserAgent"/>
    /// is on; stores that can list a user's sessions keep it for <see cref="SessionInfo.UserAgent"/>.
    /// </summary>
    public string? UserAgent { get; init; }

    /// <summary>
    /// The client address of the request that created the record, when <see cref="TypedSessionsOptions.RecordRemoteAddress"/>
    /// is on; stores that can list a user's sessions keep it for <see cref="SessionInfo.RemoteAddress"/>.
    /// </summary>
    public string? RemoteAddress { get; init; }

    /// <summary>
    /// The layout the record was written in (<see cref="SessionRecordFormat.CurrentVersion"/> for new records). Records
    /// written before versioning read as version 1, which is the same layout.
    /// </summary>
    public int FormatVersion { get; init; } = SessionRecordFormat.CurrentVersion;
}
