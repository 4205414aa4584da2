namespace TypedSessions.Stores;

/// <summary>What an update-only write found.</summary>
public enum SessionUpdateResult
{
    /// <summary>The record was live and is updated.</summary>
    Updated,

    /// <summary>The record is gone or expired, for example deleted by a concurrent sign-out; nothing was written.</summary>
    NotFound,

    /// <summary>
    /// In optimistic concurrency, a key this save changes was changed by someone else since it was loaded;
    /// nothing was written.
    /// </summary>
    Conflict,
}
