namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A redis-server of one test class that tests pause, stop and restart (see <see cref="ControllableServer"/>). It keeps
/// no data across a restart: persistence is off, as a crashed cache would come back empty.
/// </summary>
public sealed class ControllableRedisServer : ControllableServer
{
    private readonly string? _binary;
    private string? _directory;
    private RedisServerProcess? _process;

    public ControllableRedisServer()
        : this(RedisServerProcess.FindBinary())
    {
    }

    private ControllableRedisServer(string? binary)
        : base(binary is null ? RedisServerProcess.NotInstalled : null)
    {
        _binary = binary;
    }

    /// <summary>A StackExchange.Redis configuration string for the server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public override string? TempDirectory => _directory;

    protected override int? RootProcessId => _process?.ProcessId;

    protected override Task PrepareAsync()
    {
        _directory = Directory.CreateTempSubdirectory("typedsessions-redis-").FullName;
        return Task.CompletedTask;
    }

    protected override async Task StartProcessAsync(int port) => _process = await RedisServerProcess.StartAsync(_binary!, port, _directory!);

    protected override Task StopProcessAsync()
    {
        KillLeftovers();
        return Task.CompletedTask;
    }

    // SIGKILL ends a stopped process too, so redis-server needs no thawing first.
    protected override void KillLeftovers()
    {
        _process?.Dispose();
        _process = null;
    }

    protected override void DeleteFiles()
    {
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
