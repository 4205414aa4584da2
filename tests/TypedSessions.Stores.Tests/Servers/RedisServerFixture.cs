using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A throwaway redis-server on a free loopback port, with persistence off, shared by the tests of
/// <see cref="RedisCollection"/> and killed when they finish. When the binary is missing, <see cref="EnsureAvailable"/>
/// skips each test (or fails it under <c>CI=true</c>).
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServerProcess? _process;
    private string? _directory;
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>Why the server is unavailable, or null when it runs.</summary>
    public string? UnavailableReason { get; private set; }

    public int Port { get; private set; }

    /// <summary>A StackExchange.Redis configuration string for the server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>A shared connection with admin commands (INFO, CONFIG, MONITOR's peers) enabled.</summary>
    public ConnectionMultiplexer Multiplexer => _multiplexer ?? throw new InvalidOperationException(UnavailableReason ?? "redis-server is not started.");

    public IServer Server => Multiplexer.GetServer(Configuration);

    /// <summary>Skips the calling test when there is no server (fails it under CI).</summary>
    public void EnsureAvailable() => ServerBinaries.SkipOrFailIfUnavailable(UnavailableReason);

    /// <summary>A key prefix of its own, so that tests sharing the server never see each other's keys.</summary>
    public static string NewPrefix() => $"test:{Guid.NewGuid():N}:";

    /// <summary>A user index prefix of its own, apart from every <see cref="NewPrefix"/> (neither starts with the other).</summary>
    public static string NewUserIndexPrefix() => $"test-users:{Guid.NewGuid():N}:";

    public async Task InitializeAsync()
    {
        var binary = RedisServerProcess.FindBinary();
        if (binary is null)
        {
            UnavailableReason = RedisServerProcess.NotInstalled;
            return;
        }

        _directory = Directory.CreateTempSubdirectory("typedsessions-redis-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                _process = await RedisServerProcess.StartAsync(binary, Port, _directory);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between our probe and redis-server's bind: try another one.
            }
        }

        _multiplexer = await ConnectionMultiplexer.ConnectAsync($"{Configuration},allowAdmin=true");
    }

    public async Task DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }

        _process?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
