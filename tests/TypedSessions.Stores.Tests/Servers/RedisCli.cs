using System.Diagnostics;
using System.Globalization;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// redis-cli against loopback nodes: it creates a cluster, and reads a node's own view of it (<c>CLUSTER NODES</c>,
/// <c>ROLE</c>) on a fresh connection, apart from any client's cached topology, which is what a test of failover must
/// not trust.
/// </summary>
public sealed class RedisCli(string binary)
{
    public const string NotInstalled = "redis-cli is not installed; apt-get install redis-tools";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The installed redis-cli binary, or null.</summary>
    public static string? FindBinary() => ServerBinaries.Find("redis-cli", "/usr/bin/redis-cli");

    /// <summary>Runs one command on the node at <paramref name="port"/> and returns its reply as redis-cli prints it.</summary>
    public Task<string> NodeAsync(int port, params string[] command) =>
        RunAsync(["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. command]);

    /// <summary>
    /// Sends <paramref name="commands"/>, one per line, on one connection to the node at <paramref name="port"/>: for
    /// commands about the connection's own earlier writes, such as <c>WAIT</c>.
    /// </summary>
    public Task<string> SessionAsync(int port, params string[] commands) =>
        RunAsync(["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)], string.Join('\n', commands) + "\n");

    /// <summary>Runs redis-cli to completion; throws with its output when it fails, or prints an error reply.</summary>
    public async Task<string> RunAsync(IEnumerable<string> arguments, string? input = null)
    {
        var startInfo = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {binary}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"redis-cli {string.Join(' ', startInfo.ArgumentList)} took over {CommandTimeout.TotalSeconds} s.");
        }

        // Piped, redis-cli prints an error reply as "ERR …" (or "MOVED …", "CLUSTERDOWN …") and may still exit with 0.
        var text = await output;
        if (process.ExitCode != 0 || text.StartsWith("ERR", StringComparison.Ordinal) || text.StartsWith("CLUSTERDOWN", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"redis-cli {string.Join(' ', startInfo.ArgumentList)} exited with code {process.ExitCode}:\n{text}\n{await error}");
        }

        return text;
    }
}
