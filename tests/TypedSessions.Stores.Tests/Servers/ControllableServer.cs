namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A throwaway server of one test class (not shared with other classes) that tests start, pause (SIGSTOP on all its
/// processes), resume, stop and restart on the same port, to see what clients do when it hangs or goes away. Use it as
/// a class fixture, and start each test from a running server whatever the previous one did (this also skips the test,
/// or fails it under <c>CI=true</c>, when the server cannot run here):
/// <code>
/// public sealed class Tests(ControllableRedisServer redis) : IClassFixture&lt;ControllableRedisServer&gt;, IAsyncLifetime
/// {
///     public Task InitializeAsync() => redis.EnsureRunningAsync();
///     public Task DisposeAsync() => Task.CompletedTask;
/// }
/// </code>
/// or create one in a test, <see cref="StartAsync"/> it and dispose it. Disposing, or the test host exiting, never
/// leaves a stopped process behind: paused processes are resumed, then stopped.
/// </summary>
public abstract class ControllableServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LoopbackPortReservation? _port;

    protected ControllableServer(string? unavailableReason)
    {
        UnavailableReason = unavailableReason ?? ProcessTree.UnavailableReason;
    }

    /// <summary>Why the server cannot run here (binaries missing, not Linux), or null.</summary>
    public string? UnavailableReason { get; }

    public ControllableServerState State { get; private set; }

    /// <summary>The loopback port, the same for the server's whole life, restarts included.</summary>
    public int Port => _port?.Port ?? throw new InvalidOperationException($"The server is {State}: it has no port.");

    /// <summary>The server's main process (redis-server, the postmaster) while it runs or is paused, or null.</summary>
    public int? ProcessId => State is ControllableServerState.Running or ControllableServerState.Paused ? RootProcessId : null;

    /// <summary>The server's processes while it runs or is paused (main process first), else empty.</summary>
    public IReadOnlyList<int> ProcessIds => ProcessId is { } id ? ProcessTree.Of(id) : [];

    /// <summary>The temp folder of the server's files, deleted on disposal; null before the first start.</summary>
    public abstract string? TempDirectory { get; }

    /// <summary>The main process; valid only while the server runs or is paused.</summary>
    protected abstract int? RootProcessId { get; }

    /// <summary>Skips the calling test when the server cannot run here (fails it under <c>CI=true</c>).</summary>
    public void EnsureAvailable() => ServerBinaries.SkipOrFailIfUnavailable(UnavailableReason);

    /// <summary>Starts the server on a free loopback port that stays reserved until disposal. Skips the test if unavailable.</summary>
    public async Task StartAsync()
    {
        EnsureAvailable();
        await TransitionAsync(async () =>
        {
            Require(ControllableServerState.NotStarted);
            _port = LoopbackPortReservation.Reserve();
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
            try
            {
                await PrepareAsync();
                await StartProcessAsync(_port.Port);
            }
            catch
            {
                // A fixture whose start failed may never be disposed: leave nothing behind now.
                KillLeftovers();
                DeleteFiles();
                _port.Dispose();
                _port = null;
                AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
                throw;
            }

            State = ControllableServerState.Running;
        });
    }

    /// <summary>Freezes every process of the server (SIGSTOP) and returns once all are stopped.</summary>
    public Task PauseAsync() => TransitionAsync(async () =>
    {
        Require(ControllableServerState.Running);
        await ProcessTree.PauseAsync(RunningRootProcessId());
        State = ControllableServerState.Paused;
    });

    /// <summary>Continues every process of the paused server (SIGCONT); it answers what queued up meanwhile.</summary>
    public Task ResumeAsync() => TransitionAsync(async () =>
    {
        Require(ControllableServerState.Paused);
        await ResumeProcessesAsync();
        State = ControllableServerState.Running;
    });

    /// <summary>Stops a running or paused server abruptly, like a crash; its port stays reserved for <see cref="RestartAsync"/>.</summary>
    public Task StopAsync() => TransitionAsync(StopCoreAsync);

    /// <summary>Starts the server again on the same port (stopping it first unless it is stopped), so that clients reconnect.</summary>
    public Task RestartAsync() => TransitionAsync(async () =>
    {
        if (State is not ControllableServerState.Stopped)
        {
            await StopCoreAsync();
        }

        await StartProcessAsync(Port);
        State = ControllableServerState.Running;
    });

    /// <summary>Resumes a paused server or restarts a stopped one, so that each test of a class starts from a running server.</summary>
    public async Task EnsureRunningAsync()
    {
        EnsureAvailable();
        switch (State)
        {
            case ControllableServerState.Paused:
                await ResumeAsync();
                break;
            case ControllableServerState.Stopped:
                await RestartAsync();
                break;
            case ControllableServerState.NotStarted:
                await StartAsync();
                break;
        }
    }

    /// <summary>Resumes, stops and deletes everything the server left, then releases the port. Safe to call twice.</summary>
    public async Task DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (State is ControllableServerState.Disposed)
            {
                return;
            }

            try
            {
                if (State is ControllableServerState.Running or ControllableServerState.Paused)
                {
                    await StopCoreAsync();
                }
            }
            finally
            {
                KillLeftovers();
                DeleteFiles();
                _port?.Dispose();
                AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
                State = ControllableServerState.Disposed;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>A class fixture starts when available; otherwise each test's <see cref="EnsureAvailable"/> skips it.</summary>
    Task IAsyncLifetime.InitializeAsync() => UnavailableReason is null ? StartAsync() : Task.CompletedTask;

    /// <summary>Makes what the first start needs (folders, initdb); runs once.</summary>
    protected abstract Task PrepareAsync();

    /// <summary>Starts the server process on <paramref name="port"/> and returns once it answers.</summary>
    protected abstract Task StartProcessAsync(int port);

    /// <summary>Stops the running (not paused) server process and waits for it to exit.</summary>
    protected abstract Task StopProcessAsync();

    /// <summary>Kills whatever is left of the server's processes, without waiting for anything: for disposal and exit.</summary>
    protected abstract void KillLeftovers();

    /// <summary>Deletes the server's folders.</summary>
    protected abstract void DeleteFiles();

    private async Task StopCoreAsync()
    {
        if (State is ControllableServerState.Paused)
        {
            // A frozen process cannot act on the request to stop: thaw it first.
            await ResumeProcessesAsync();
            State = ControllableServerState.Running;
        }

        Require(ControllableServerState.Running);
        await StopProcessAsync();
        State = ControllableServerState.Stopped;
    }

    private async Task ResumeProcessesAsync()
    {
        if (RootProcessId is { } id)
        {
            await ProcessTree.ResumeAsync(id);
        }
    }

    private int RunningRootProcessId() =>
        RootProcessId ?? throw new InvalidOperationException("The server is meant to be running but has no process.");

    private void Require(ControllableServerState expected)
    {
        if (State != expected)
        {
            throw new InvalidOperationException($"The server is {State}; this needs it {expected}.");
        }
    }

    private async Task TransitionAsync(Func<Task> transition)
    {
        await _gate.WaitAsync();
        try
        {
            await transition();
        }
        finally
        {
            _gate.Release();
        }
    }

    // The test host is exiting without disposal: a process left stopped would hang around forever, so thaw and stop it.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            if (State is ControllableServerState.Running or ControllableServerState.Paused)
            {
                StopCoreAsync().GetAwaiter().GetResult();
            }
        }
        catch (Exception)
        {
            // Whatever went wrong, the kill below still runs.
        }
        finally
        {
            KillLeftovers();
        }
    }
}
