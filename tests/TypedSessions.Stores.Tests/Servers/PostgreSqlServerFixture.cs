using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A throwaway PostgreSQL 15 cluster in a temp folder, on a free loopback port, with trust authentication and no
/// durability (fsync off), shared by the tests of <see cref="PostgreSqlCollection"/> and stopped and deleted when they
/// finish. PostgreSQL refuses to run as root, so under root the binaries run as the <c>postgres</c> OS user. When the
/// binaries are missing, <see cref="EnsureAvailable"/> skips each test (or fails it under <c>CI=true</c>).
/// </summary>
public sealed class PostgreSqlServerFixture : IAsyncLifetime
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string ServiceUser = "postgres";
    private const string DatabaseName = "typed_sessions_tests";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private string? _directory;
    private string? _pgCtl;
    private bool _started;
    private NpgsqlDataSource? _dataSource;

    /// <summary>Why the server is unavailable, or null when it runs.</summary>
    public string? UnavailableReason { get; private set; }

    public int Port { get; private set; }

    /// <summary>Connects as the superuser to the tests' database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>
    /// A data source over <see cref="ConnectionString"/> shared by the tests: stores built on it share one pool instead
    /// of each leaving idle connections behind.
    /// </summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException(UnavailableReason ?? "PostgreSQL is not started.");

    private string DataDirectory => Path.Combine(_directory!, "data");

    /// <summary>Skips the calling test when there is no server (fails it under CI).</summary>
    public void EnsureAvailable() => ServerBinaries.SkipOrFailIfUnavailable(UnavailableReason);

    /// <summary>A table name of its own, so that tests sharing the database never see each other's rows.</summary>
    public static string NewTableName() => $"sessions_{Guid.NewGuid():N}";

    /// <summary>Runs one statement on the shared data source and returns the first column of every row, as text.</summary>
    public async Task<List<string?>> QueryAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.IsDBNull(0) ? null : Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return rows;
    }

    /// <summary>Runs one statement on the shared data source and returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async Task InitializeAsync()
    {
        var initDb = ServerBinaries.Find(Path.Combine(BinDirectory, "initdb"));
        _pgCtl = ServerBinaries.Find(Path.Combine(BinDirectory, "pg_ctl"));
        if (initDb is null || _pgCtl is null || ServerBinaries.Find(Path.Combine(BinDirectory, "postgres")) is null)
        {
            UnavailableReason = "PostgreSQL 15 is not installed; apt-get install postgresql-15";
            return;
        }

        _directory = Directory.CreateTempSubdirectory("typedsessions-postgres-").FullName;
        if (Environment.IsPrivilegedProcess)
        {
            // The cluster and the socket live in this folder, which the server's OS user must own.
            await RunAsync("chown", ServiceUser + ":", _directory);
        }

        await RunAsync(initDb, "-D", DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync");
        await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopServer();

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        };
        await using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", admin);
            await create.ExecuteNonQueryAsync();
        }

        builder.Database = DatabaseName;
        builder.Pooling = true;
        ConnectionString = builder.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        StopServer();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            var settings = string.Join(
                ' ',
                $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
                "-c listen_addresses=127.0.0.1",
                $"-k {_directory}",
                "-c max_connections=200",

                // A throwaway cluster: durability only costs time here.
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off");
            try
            {
                await RunAsync(_pgCtl!, "start", "-w", "-t", "30", "-D", DataDirectory, "-l", Path.Combine(_directory!, "server.log"), "-o", settings);
                _started = true;
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Another process took the port between our probe and the server's bind: try another one.
            }
        }
    }

    private void StopServer()
    {
        if (!_started)
        {
            return;
        }

        _started = false;
        try
        {
            RunAsync(_pgCtl!, "stop", "-m", "immediate", "-w", "-D", DataDirectory).GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    // Runs a server binary to completion, as the postgres OS user when this process is root.
    private async Task RunAsync(string fileName, params string[] arguments)
    {
        var asServiceUser = Environment.IsPrivilegedProcess && fileName.StartsWith(BinDirectory, StringComparison.Ordinal);
        var startInfo = new ProcessStartInfo(asServiceUser ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // The service user may not be allowed into this process's working directory.
            WorkingDirectory = _directory ?? Path.GetTempPath(),
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
            var log = _directory is not null && File.Exists(Path.Combine(_directory, "server.log"))
                ? File.ReadAllText(Path.Combine(_directory, "server.log"))
                : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited with code {process.ExitCode}:\n{await output}\n{await error}\n{log}");
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
