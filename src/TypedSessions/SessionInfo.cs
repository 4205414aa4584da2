namespace TypedSessions;

/// <summary>
/// One live session of a user, as <see cref="ISessionManager.ListUserSessionsAsync"/> lists it for a "your devices"
/// page. It names the session by its record id, never by its key: the key is the credential, and only its holder has it.
/// </summary>
/// <param name="RecordId">The store's id of the session (the SHA-256 of its key); pass it to <see cref="ISessionManager.RevokeAsync"/>.</param>
/// <param name="UserId">The user the session belongs to.</param>
/// <param name="ExpiresAt">When the session expires unless it is saved again.</param>
public sealed record SessionInfo(string RecordId, string UserId, DateTimeOffset ExpiresAt)
{
    /// <summary>When the session was created (for a signed-in session, when its user signed in); <see langword="null"/> if unknown.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the session's data was last written; <see langword="null"/> if unknown.</summary>
    public DateTimeOffset? LastSavedAt { get; init; }

    /// <summary>How many bytes the store holds for the session's data (its values as stored, without the store's own overhead).</summary>
    public long SizeInBytes { get; init; }

    /// <summary>The <c>User-Agent</c> of the request that created the session, unless <see cref="TypedSessionsOptions.RecordUserAgent"/> is off.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The client address of the request that created the session, unless <see cref="TypedSessionsOptions.RecordRemoteAddress"/> is off.</summary>
    public string? RemoteAddress { get; init; }
}
