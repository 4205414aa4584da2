namespace TypedSessions.Stores;

/// <summary>What a conditional write found. Nothing is written unless the result is <see cref="Written"/>.</summary>
public enum SessionWriteResult
{
    /// <summary>The write was applied.</summary>
    Written,

    /// <summary>The record is gone or expired, for example deleted by a concurrent sign-out; it is not resurrected.</summary>
    NotFound,

    /// <summary>In optimistic concurrency, a key this save changes was changed by someone else since it was loaded.</summary>
    Conflict,

    /// <summary>A create found a live record with the same id; the engine draws another key.</summary>
    IdTaken,
}
