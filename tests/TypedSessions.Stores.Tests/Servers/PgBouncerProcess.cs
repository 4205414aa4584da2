using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// One PgBouncer in the foreground on a loopback port, in transaction pooling mode, in front of one PostgreSQL database,
/// with its config in a temp folder of its own. It has let a query through by the time <see cref="StartAsync"/> returns.
/// PgBouncer refuses to run as root, so under root it runs as the OS user the PostgreSQL server runs as. Disposing kills
/// it and deletes the folder; so does the test host's exit, should nobody dispose it.
/// </summary>
public sealed class PgBouncerProcess : IDisposable
{
    public const string NotInstalled = "PgBouncer is not installed; apt-get install pgbouncer";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(15);

    private readonly ForegroundProcess _process;
    private readonly LoopbackPortReservation _port;
    private readonly string _directory;

    private PgBouncerProcess(ForegroundProcess process, LoopbackPortReservation port, string directory)
    {
        _process = process;
        _port = port;
        _directory = directory;
    }

    public int Port => _port.Port;

    /// <summary>The installed pgbouncer binary, or null.</summary>
    public static string? FindBinary() => ServerBinaries.Find("pgbouncer", "/usr/sbin/pgbouncer");

    /// <summary>
    /// Starts PgBouncer in front of <paramref name="database"/> on the server at <paramref name="serverPort"/>, sharing at
    /// most <paramref name="poolSize"/> server connections among all its clients, and waits until a query gets through.
    /// Throws <see cref="InvalidOperationException"/> when it exits at startup and <see cref="TimeoutException"/> when no
    /// query gets through.
    /// </summary>
    public static async Task<PgBouncerProcess> StartAsync(string binary, int serverPort, string database, string user, int poolSize)
    {
        var directory = Directory.CreateTempSubdirectory("typedsessions-pgbouncer-").FullName;

        // Held until the process is killed: nobody else is handed the port meanwhile, and PgBouncer can still bind it.
        var port = LoopbackPortReservation.Reserve();
        var config = Path.Combine(directory, "pgbouncer.ini");
        await File.WriteAllTextAsync(config, Config(directory, port.Port, serverPort, database, poolSize));

        // Trust authentication still wants the user listed.
        await File.WriteAllTextAsync(Path.Combine(directory, "userlist.txt"), $"\"{user}\" \"\"\n");

        // runuser and file modes as on Linux, where these servers run.
        var asServiceUser = Environment.IsPrivilegedProcess && OperatingSystem.IsLinux();
        var startInfo = new ProcessStartInfo(asServiceUser ? "runuser" : binary)
        {
            // The service user may not be allowed into this process's working directory.
            WorkingDirectory = directory,
        };
        foreach (var argument in asServiceUser ? ["-u", PostgreSqlCluster.ServiceUser, "--", binary, config] : new[] { config })
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (asServiceUser && OperatingSystem.IsLinux())
        {
            // Temp folders are private to their creator; the service user reads the config and writes nothing else there.
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        ForegroundProcess process;
        try
        {
            process = ForegroundProcess.Start(startInfo);
        }
        catch
        {
            port.Dispose();
            Directory.Delete(directory, recursive: true);
            throw;
        }

        var bouncer = new PgBouncerProcess(process, port, directory);
        try
        {
            await bouncer.WaitForQueryAsync(database, user);
            return bouncer;
        }
        catch
        {
            bouncer.Dispose();
            throw;
        }
    }

    /// <summary>A connection string that reaches <paramref name="database"/> through this PgBouncer.</summary>
    public string ConnectionString(string database, string user) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = user,
    }.ConnectionString;

    /// <summary>What PgBouncer logged so far.</summary>
    public string Output() => _process.Output();

    /// <summary>Kills PgBouncer (SIGKILL), waits for it to exit, frees the port and deletes the folder.</summary>
    public void Dispose()
    {
        _process.Dispose();
        _port.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    // Transaction pooling with few server connections, so that clients really take turns on them; clients wait in a
    // queue rather than fail when all are busy. No unix socket: loopback TCP only, like the other test servers.
    private static string Config(string directory, int port, int serverPort, string database, int poolSize) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        [databases]
        {database} = host=127.0.0.1 port={serverPort} dbname={database}

        [pgbouncer]
        listen_addr = 127.0.0.1
        listen_port = {port}
        unix_socket_dir =
        auth_type = trust
        auth_file = {Path.Combine(directory, "userlist.txt")}
        pool_mode = transaction
        default_pool_size = {poolSize}
        min_pool_size = 0
        reserve_pool_size = 0
        max_client_conn = 1000
        query_wait_timeout = 60
        syslog = 0
        """);

    private async Task WaitForQueryAsync(string database, string user)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(ConnectionString(database, user)) { Pooling = false, Timeout = 2 }.ConnectionString;
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"pgbouncer exited with code {_process.ExitCode} at startup:\n{Output()}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
            }
            catch (NpgsqlException e)
            {
                throw new TimeoutException($"No query got through pgbouncer on port {Port} within {StartupTimeout.TotalSeconds} s:\n{Output()}", e);
            }

            await Task.Delay(50);
        }
    }
}
