namespace TypedSessions.Stores;

/// <summary>A record a purge deleted because it had expired.</summary>
/// <param name="RecordId">The record's id.</param>
/// <param name="UserId">The user it belonged to, if any.</param>
public readonly record struct ExpiredSession(string RecordId, string? UserId);
