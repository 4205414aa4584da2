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
    private const string DatabaseName = "typed_sessions_tests";

    private PostgreSqlCluster? _cluster;
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
        UnavailableReason = PostgreSqlCluster.UnavailableReason;
        if (UnavailableReason is not null)
        {
            return;
        }

        _cluster = await PostgreSqlCluster.CreateAsync();
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
        _cluster?.Delete();
    }

    private async Task StartAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            try
            {
                await _cluster!.StartAsync(Port);
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
        try
        {
            _cluster?.StopAsync().GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
