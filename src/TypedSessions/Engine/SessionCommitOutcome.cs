namespace TypedSessions.Engine;

/// <summary>What the committer did with a session.</summary>
internal enum SessionCommitStatus
{
    /// <summary>Nothing needed writing.</summary>
    NothingToSave,

    /// <summary>A new record was created under a fresh key.</summary>
    Created,

    /// <summary>The record's changed keys were written.</summary>
    Updated,

    /// <summary>Only the record's expiry moved.</summary>
    Touched,

    /// <summary>The record was deleted meanwhile and is not resurrected (HTTP 400).</summary>
    Interrupted,

    /// <summary>An optimistic save found a key changed concurrently; nothing was written (HTTP 409).</summary>
    Conflict,

    /// <summary>The session is over the size limit; nothing was written (HTTP 500).</summary>
    TooLarge,

    /// <summary>The store is down; nothing was written (HTTP 503).</summary>
    StoreUnavailable,

    /// <summary>A write timed out and may or may not have been applied (HTTP 503, never a success status).</summary>
    MayHaveBeenWritten,

    /// <summary>The store failed in a way that is no outage (HTTP 500).</summary>
    Failed,
}

/// <summary>The committer's decision and, for a failure, the exception that describes it.</summary>
internal sealed record SessionCommitOutcome(SessionCommitStatus Status, Exception? Error = null)
{
    public static readonly SessionCommitOutcome NothingToSave = new(SessionCommitStatus.NothingToSave);

    public static readonly SessionCommitOutcome Created = new(SessionCommitStatus.Created);

    public static readonly SessionCommitOutcome Updated = new(SessionCommitStatus.Updated);

    public static readonly SessionCommitOutcome Touched = new(SessionCommitStatus.Touched);

    /// <summary>Whether nothing, or not all that was asked, was saved.</summary>
    public bool IsFailure => Status >= SessionCommitStatus.Interrupted;
}
