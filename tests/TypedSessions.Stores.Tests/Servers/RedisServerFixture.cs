using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A throwaway redis-server on a free loopback port, with persistence off, shared by the tests of
/// <see cref="RedisCollection"/> and killed when they finish. When the binary is missing, <see cref="EnsureAvailable"/>
/// skips each test (or fails it under <c>CI=true</c>).
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(15);

    private readonly StringBuilder _output = new();
    private Process? _process;
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

    public async Task InitializeAsync()
    {
        var binary = ServerBinaries.Find("redis-server", "/usr/bin/redis-server");
        if (binary is null)
        {
            UnavailableReason = "redis-server is not installed; apt-get install redis-server";
            return;
        }

        _directory = Directory.CreateTempSubdirectory("typedsessions-redis-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            _process = Start(binary);
            try
            {
                await WaitForPongAsync();
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

        Stop();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Process Start(string binary)
    {
        var startInfo = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // No snapshots, no AOF, in the foreground so that killing this process stops the server.
        foreach (var argument in new[]
        {
            "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--dir", _directory!,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {binary}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Should the test host be torn down without disposing fixtures, the server still goes with it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        return process;
    }

    private async Task WaitForPongAsync()
    {
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} at startup:\n{Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[64];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                Stop();
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within {StartupTimeout.TotalSeconds} s:\n{Output()}");
            }

            await Task.Delay(50);
        }
    }

    private void Stop()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
