namespace TypedSessions;

/// <summary>One change to a session, reported after the store confirmed it. Sessions are named by record id, never by key.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="RecordId">The record concerned: for <see cref="SessionEventKind.KeyCycled"/>, the new one.</param>
/// <param name="OccurredAt">When the engine saw the store confirm it, by the application's <see cref="TimeProvider"/>.</param>
public sealed record SessionEvent(SessionEventKind Kind, string RecordId, DateTimeOffset OccurredAt)
{
    /// <summary>For <see cref="SessionEventKind.KeyCycled"/>, the record the session left (now deleted); else <see langword="null"/>.</summary>
    public string? PreviousRecordId { get; init; }

    /// <summary>The user the session belongs (or belonged) to, when known.</summary>
    public string? UserId { get; init; }
}
