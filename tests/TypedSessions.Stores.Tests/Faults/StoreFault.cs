using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>How a test takes the store down: frozen (SIGSTOP; it holds connections and answers nothing) or gone (connections refused).</summary>
public enum StoreFault
{
    Pause,
    Stop,
}

/// <summary>Begins and ends a <see cref="StoreFault"/> on a <see cref="ControllableServer"/>.</summary>
internal static class StoreFaultExtensions
{
    /// <summary>Pauses or stops the server.</summary>
    public static Task BeginAsync(this ControllableServer server, StoreFault fault) =>
        fault is StoreFault.Pause ? server.PauseAsync() : server.StopAsync();

    /// <summary>Resumes the paused server, or restarts the stopped one on the same port.</summary>
    public static Task EndAsync(this ControllableServer server, StoreFault fault) =>
        fault is StoreFault.Pause ? server.ResumeAsync() : server.RestartAsync();
}
