namespace TypedSessions;

/// <summary>What happened to a session, as <see cref="ISessionEvents"/> hear it.</summary>
public enum SessionEventKind
{
    /// <summary>A session was first saved under a new key.</summary>
    Created,

    /// <summary>A session moved to a new key (<see cref="Session.CycleKeyAsync"/>, as on sign-in); <see cref="SessionEvent.PreviousRecordId"/> names the old record.</summary>
    KeyCycled,

    /// <summary>A session was flushed (<see cref="Session.FlushAsync"/>, as on sign-out).</summary>
    Flushed,

    /// <summary>A session was revoked through <see cref="ISessionManager"/> (a "sign out this device", a session limit).</summary>
    Revoked,

    /// <summary>A purge deleted an expired session.</summary>
    Expired,
}
