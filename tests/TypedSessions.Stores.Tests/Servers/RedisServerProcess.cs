using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// One redis-server in the foreground on a loopback port, persistence off, that has answered PING by the time
/// <see cref="StartAsync"/> returns. Disposing kills it; so does the test host's exit, should nobody dispose it.
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    public const string NotInstalled = "redis-server is not installed; apt-get install redis-server";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(15);

    private readonly ForegroundProcess _process;

    private RedisServerProcess(ForegroundProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>The installed redis-server binary, or null.</summary>
    public static string? FindBinary() => ServerBinaries.Find("redis-server", "/usr/bin/redis-server");

    /// <summary>
    /// Starts the server and waits for its PONG. Throws <see cref="InvalidOperationException"/> when it exits at startup
    /// (typically: the port is taken) and <see cref="TimeoutException"/> when it never answers.
    /// </summary>
    /// <param name="binary">The redis-server binary.</param>
    /// <param name="port">A loopback port.</param>
    /// <param name="directory">The server's working directory.</param>
    /// <param name="settings">Further settings, such as those of a cluster node (<c>--cluster-enabled yes</c>, …).</param>
    public static async Task<RedisServerProcess> StartAsync(string binary, int port, string directory, IEnumerable<string>? settings = null)
    {
        // No snapshots, no AOF, in the foreground so that killing this process stops the server.
        var startInfo = new ProcessStartInfo(binary);
        string[] arguments =
        [
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--daemonize", "no", "--dir", directory,
            .. settings ?? [],
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var server = new RedisServerProcess(ForegroundProcess.Start(startInfo), port);
        try
        {
            await server.WaitForPongAsync();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>What the server wrote to stdout and stderr so far.</summary>
    public string Output() => _process.Output();

    /// <summary>Kills the server (SIGKILL, like a crash) and waits for it to exit.</summary>
    public void Dispose() => _process.Dispose();

    private async Task WaitForPongAsync()
    {
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (true)
        {
            if (_process.HasExited)
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
                throw new TimeoutException($"redis-server did not answer PING on port {Port} within {StartupTimeout.TotalSeconds} s:\n{Output()}");
            }

            await Task.Delay(50);
        }
    }
}
