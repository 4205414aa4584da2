using Npgsql;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A throwaway PgBouncer in transaction pooling mode in front of a throwaway PostgreSQL server of its own (a
/// <see cref="PostgreSqlServerFixture"/>), shared by the tests of <see cref="PgBouncerCollection"/>. At most
/// <see cref="PoolSize"/> server connections serve every client connection, so consecutive transactions of one client
/// connection run on different server connections, as behind a production PgBouncer. When PgBouncer or PostgreSQL is
/// missing, <see cref="EnsureAvailable"/> skips each test (or fails it under <c>CI=true</c>).
/// </summary>
public sealed class PgBouncerFixture : IAsyncLifetime
{
    /// <summary>How many server connections PgBouncer opens at most: far fewer than the tests' concurrent clients.</summary>
    public const int PoolSize = 2;

    private PgBouncerProcess? _bouncer;
    private NpgsqlDataSource? _dataSource;

    /// <summary>The server behind PgBouncer; its own connection string and data source bypass PgBouncer.</summary>
    public PostgreSqlServerFixture Postgres { get; } = new();

    /// <summary>Why PgBouncer is unavailable, or null when it runs.</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>Reaches the tests' database through PgBouncer, with Npgsql's defaults otherwise.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>
    /// A data source over <see cref="ConnectionString"/> with <c>No Reset On Close=true</c>, as the store's documentation
    /// recommends behind PgBouncer, shared by the tests: its client pool holds many more connections than PgBouncer has
    /// server connections.
    /// </summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException(UnavailableReason ?? "PgBouncer is not started.");

    /// <summary>What PgBouncer logged so far, for failure messages.</summary>
    public string Log => _bouncer?.Output() ?? "";

    /// <summary>Skips the calling test when PgBouncer does not run (fails it under CI).</summary>
    public void EnsureAvailable() => ServerBinaries.SkipOrFailIfUnavailable(UnavailableReason);

    /// <summary>A data source through PgBouncer, with <paramref name="configure"/> applied to its connection string.</summary>
    public NpgsqlDataSource CreateDataSource(Action<NpgsqlConnectionStringBuilder>? configure = null)
    {
        EnsureAvailable();
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        configure?.Invoke(builder);
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async Task InitializeAsync()
    {
        var binary = PgBouncerProcess.FindBinary();
        if (binary is null)
        {
            UnavailableReason = PgBouncerProcess.NotInstalled;
            return;
        }

        await Postgres.InitializeAsync();
        if (Postgres.UnavailableReason is { } reason)
        {
            UnavailableReason = reason;
            return;
        }

        var server = new NpgsqlConnectionStringBuilder(Postgres.ConnectionString);
        _bouncer = await PgBouncerProcess.StartAsync(binary, Postgres.Port, server.Database!, server.Username!, PoolSize);
        ConnectionString = _bouncer.ConnectionString(server.Database!, server.Username!);
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { NoResetOnClose = true }.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        // Clients first, so that no pooled connection outlives PgBouncer; then PgBouncer, then the server behind it.
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        _bouncer?.Dispose();
        await Postgres.DisposeAsync();
    }
}
