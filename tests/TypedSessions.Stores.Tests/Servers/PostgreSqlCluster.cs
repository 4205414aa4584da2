using System.Diagnostics;
using System.Globalization;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A throwaway PostgreSQL 15 cluster in a temp folder, made by initdb with trust authentication, whose server pg_ctl
/// starts on a loopback port of the caller's choosing, with its unix socket in the same folder and no durability
/// (fsync off). PostgreSQL refuses to run as root, so under root the binaries run as the <c>postgres</c> OS user.
/// </summary>
public sealed class PostgreSqlCluster
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    /// <summary>The OS user the server binaries run as when this process is root (PostgreSQL refuses root).</summary>
    public const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _pgCtl;

    private PostgreSqlCluster(string directory, string pgCtl)
    {
        Directory = directory;
        _pgCtl = pgCtl;
    }

    /// <summary>Why no cluster can be made here, or null when the binaries are installed.</summary>
    public static string? UnavailableReason =>
        new[] { "initdb", "pg_ctl", "postgres" }.All(name => ServerBinaries.Find(Path.Combine(BinDirectory, name)) is not null)
            ? null
            : "PostgreSQL 15 is not installed; apt-get install postgresql-15";

    /// <summary>The temp folder: the data directory, the server log and the unix socket live in it.</summary>
    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public bool IsRunning { get; private set; }

    /// <summary>Makes the folder and runs initdb (about two seconds).</summary>
    public static async Task<PostgreSqlCluster> CreateAsync()
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("typedsessions-postgres-").FullName;
        var cluster = new PostgreSqlCluster(directory, Path.Combine(BinDirectory, "pg_ctl"));
        if (Environment.IsPrivilegedProcess)
        {
            // The cluster and the socket live in this folder, which the server's OS user must own.
            await cluster.RunAsync("chown", ServiceUser + ":", directory);
        }

        await cluster.RunAsync(
            Path.Combine(BinDirectory, "initdb"), "-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync");
        return cluster;
    }

    /// <summary>
    /// Starts the server on <paramref name="port"/> and waits until it accepts connections. Throws
    /// <see cref="InvalidOperationException"/> with the server log when it does not start (typically: the port is taken).
    /// </summary>
    /// <param name="port">A loopback port.</param>
    /// <param name="commitsSurviveStop">
    /// Whether a commit waits for its WAL to reach the OS (still without fsync), so that committed data survives
    /// <see cref="StopAsync"/> as it survives a real server crash. Without, commits return before the WAL is written, and
    /// the last fraction of a second of them is lost on a stop.
    /// </param>
    public async Task StartAsync(int port, bool commitsSurviveStop = false)
    {
        var settings = string.Join(
            ' ',
            $"-p {port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            $"-k {Directory}",
            "-c max_connections=200",

            // A throwaway cluster: durability against an OS crash only costs time here.
            "-c fsync=off -c full_page_writes=off" + (commitsSurviveStop ? "" : " -c synchronous_commit=off"));
        await RunAsync(_pgCtl, "start", "-w", "-t", "30", "-D", DataDirectory, "-l", Path.Combine(Directory, "server.log"), "-o", settings);
        IsRunning = true;
    }

    /// <summary>Stops the server the fastest way (immediate mode: no checkpoint, recovery at the next start).</summary>
    public async Task StopAsync()
    {
        if (!IsRunning)
        {
            return;
        }

        IsRunning = false;
        await RunAsync(_pgCtl, "stop", "-m", "immediate", "-w", "-D", DataDirectory);
    }

    /// <summary>
    /// The running postmaster's process id, from the first line of <c>postmaster.pid</c>; null when none runs. A stale
    /// file (left by a killed server) may name a process id reused since, so the process must be this cluster's postmaster.
    /// </summary>
    public int? PostmasterProcessId()
    {
        try
        {
            using var reader = new StreamReader(Path.Combine(DataDirectory, "postmaster.pid"));
            if (!int.TryParse(reader.ReadLine(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            // The command line is NUL-separated: "…/postgres\0-D\0<data directory>\0…".
            var commandLine = File.ReadAllText($"/proc/{id.ToString(CultureInfo.InvariantCulture)}/cmdline").Split('\0');
            return commandLine.Contains(DataDirectory) ? id : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }

    /// <summary>Deletes the folder; the server must be stopped.</summary>
    public void Delete() => System.IO.Directory.Delete(Directory, recursive: true);

    // Runs a program to completion, as the postgres OS user when it is a server binary and this process is root.
    private async Task RunAsync(string fileName, params string[] arguments)
    {
        var asServiceUser = Environment.IsPrivilegedProcess && fileName.StartsWith(BinDirectory, StringComparison.Ordinal);
        var startInfo = new ProcessStartInfo(asServiceUser ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // The service user may not be allowed into this process's working directory.
            WorkingDirectory = Directory,
        };
        if (asServiceUser)
        {
            foreach (var argument in new[] { "-u", ServiceUser, "--", fileName })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var logPath = Path.Combine(Directory, "server.log");
            var log = File.Exists(logPath) ? await File.ReadAllTextAsync(logPath) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with code {process.ExitCode}:\n{await output}\n{await error}\n{log}");
        }
    }
}
