namespace TypedSessions.Stores;

/// <summary>What <see cref="ISessionUserIndex.RevokeAsync"/> deleted.</summary>
/// <param name="Revoked">Whether a live record had the id and is now deleted.</param>
/// <param name="UserId">The user the deleted record belonged to, if any.</param>
public readonly record struct SessionRevokeResult(bool Revoked, string? UserId)
{
    /// <summary>No live record had the id; nothing was written.</summary>
    public static SessionRevokeResult NotFound => default;
}
