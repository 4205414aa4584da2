namespace TypedSessions.Stores.Tests.Servers;

/// <summary>Where a <see cref="ControllableServer"/> is in its life.</summary>
public enum ControllableServerState
{
    NotStarted,

    /// <summary>Answers.</summary>
    Running,

    /// <summary>Frozen with SIGSTOP: accepts connections into the backlog, answers nothing.</summary>
    Paused,

    /// <summary>Gone; its port stays reserved, so connections are refused until a restart.</summary>
    Stopped,

    Disposed,
}
