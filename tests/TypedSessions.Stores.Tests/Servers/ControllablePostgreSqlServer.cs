using Npgsql;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A PostgreSQL 15 cluster of one test class that tests pause, stop and restart (see <see cref="ControllableServer"/>).
/// Pausing freezes the postmaster and every backend, so both open connections and new ones hang. Committed data survives
/// a stop and restart (immediate shutdown, then crash recovery), as it survives a real server crash.
/// </summary>
public sealed class ControllablePostgreSqlServer() : ControllableServer(PostgreSqlCluster.UnavailableReason)
{
    private PostgreSqlCluster? _cluster;

    /// <summary>The folder of the server's unix socket (for <c>Host=</c> in a connection string).</summary>
    public string SocketDirectory => Cluster.Directory;

    /// <summary>Connects over TCP as the superuser to the <c>postgres</c> database; pooled, Npgsql's defaults otherwise.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = "postgres",
    }.ConnectionString;

    /// <summary>The cluster's folder: data directory, server log (<c>server.log</c>) and unix socket.</summary>
    public override string? TempDirectory => _cluster?.Directory;

    protected override int? RootProcessId => _cluster?.PostmasterProcessId();

    private PostgreSqlCluster Cluster => _cluster ?? throw new InvalidOperationException($"The server is {State}: it has no cluster.");

    protected override async Task PrepareAsync() => _cluster = await PostgreSqlCluster.CreateAsync();

    protected override Task StartProcessAsync(int port) => Cluster.StartAsync(port, commitsSurviveStop: true);

    protected override Task StopProcessAsync() => Cluster.StopAsync();

    // Only when pg_ctl could not stop the server: thaws and kills the postmaster and all its children.
    protected override void KillLeftovers()
    {
        if (_cluster?.PostmasterProcessId() is { } id)
        {
            ProcessTree.Kill(id);
        }
    }

    protected override void DeleteFiles()
    {
        if (_cluster is not null && Directory.Exists(_cluster.Directory))
        {
            _cluster.Delete();
        }
    }
}
