using System.Globalization;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Infrastructure;
using TypedSessions.Stores.Tests.Redis;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// A throwaway Redis Cluster on loopback: three primaries and a replica of each, six redis-server processes with
/// persistence off and a short node timeout (so that a replica takes over from a dead primary within seconds), each
/// with its own folder under one temp folder, joined by <c>redis-cli --cluster create</c>. It is ready once every node
/// reports <c>cluster_state:ok</c>, sees the three primaries serve all 16384 slots and each replica replicating.
/// Disposal kills every process and deletes the temp folder; so does the test host's exit, as for
/// <see cref="RedisServerProcess"/>. When redis-server or redis-cli is missing, <see cref="EnsureAvailable"/> skips each
/// test (or fails it under <c>CI=true</c>).
/// </summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    public const int PrimaryCount = 3;

    /// <summary>How long a node may be silent before the others count it failed; the default is 15 s.</summary>
    public static readonly TimeSpan NodeTimeout = TimeSpan.FromMilliseconds(1000);

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly List<LoopbackPortReservation> _reservations = [];
    private readonly Dictionary<int, RedisServerProcess> _processes = [];
    private string? _directory;
    private RedisCli? _cli;
    private ConnectionMultiplexer? _multiplexer;

    /// <summary>Why the cluster is unavailable, or null when it runs.</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>The client ports of the six nodes; the first three started as primaries.</summary>
    public IReadOnlyList<int> Ports { get; private set; } = [];

    /// <summary>A StackExchange.Redis configuration string naming the three nodes that started as primaries.</summary>
    public string Configuration => string.Join(',', Ports.Take(PrimaryCount).Select(port => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>A shared cluster connection with admin commands enabled.</summary>
    public ConnectionMultiplexer Multiplexer => _multiplexer ?? throw new InvalidOperationException(UnavailableReason ?? "The cluster is not started.");

    public RedisCli Cli => _cli ?? throw new InvalidOperationException(UnavailableReason ?? "The cluster is not started.");

    /// <summary>The temp folder of the cluster's files, deleted on disposal.</summary>
    public string? TempDirectory => _directory;

    /// <summary>Skips the calling test when there is no cluster (fails it under CI).</summary>
    public void EnsureAvailable() => ServerBinaries.SkipOrFailIfUnavailable(UnavailableReason);

    /// <summary>The process id of the node at <paramref name="port"/>.</summary>
    public int ProcessIdOf(int port) => _processes[port].ProcessId;

    /// <summary>The cluster as the node at <paramref name="port"/> sees it now (by default the first node that answers).</summary>
    public async Task<RedisClusterTopology> TopologyAsync(int? port = null)
    {
        foreach (var candidate in port is { } only ? [only] : _processes.Keys.Order().ToList())
        {
            try
            {
                return RedisClusterTopology.Parse(await Cli.NodeAsync(candidate, "CLUSTER", "NODES"));
            }
            catch (InvalidOperationException) when (port is null)
            {
                // Killed: ask the next one.
            }
        }

        throw new InvalidOperationException("No node of the cluster answers.");
    }

    /// <summary>Kills the node at <paramref name="port"/> with SIGKILL, as a crash would, and waits for it to exit.</summary>
    public void Kill(int port)
    {
        _processes[port].Dispose();
        _processes.Remove(port);
    }

    /// <summary>
    /// Waits until every live node reports <c>cluster_state:ok</c> and sees <see cref="PrimaryCount"/> live primaries
    /// serving all slots, each with <paramref name="replicasPerPrimary"/> live replicas whose replication link is up.
    /// </summary>
    public Task WaitUntilHealthyAsync(int replicasPerPrimary = 1) => Eventually.SucceedsAsync(
        async () =>
        {
            foreach (var port in _processes.Keys)
            {
                var info = await Cli.NodeAsync(port, "CLUSTER", "INFO");
                Assert.Contains("cluster_state:ok", info, StringComparison.Ordinal);
                var topology = await TopologyAsync(port);
                Assert.True(topology.CoversAllSlots, $"Node {port} does not see every slot served.");
                Assert.Equal(PrimaryCount, topology.Primaries.Count);
                Assert.All(topology.Primaries, primary => Assert.Equal(replicasPerPrimary, topology.ReplicasOf(primary).Count));
                if (topology.Nodes.Single(node => node.Port == port) is { IsPrimary: false })
                {
                    Assert.Contains("master_link_status:up", await Cli.NodeAsync(port, "INFO", "replication"), StringComparison.Ordinal);
                }
            }
        },
        ReadyTimeout);

    /// <summary>
    /// Returns once the replica of the primary at <paramref name="port"/> has received everything the primary had
    /// applied when this was called: replication is one ordered stream, so a write of our own in one of the primary's
    /// slots, followed by <c>WAIT 1</c> on the same connection, is acknowledged only after all earlier writes.
    /// </summary>
    public async Task WaitForReplicaAsync(int port)
    {
        var topology = await TopologyAsync(port);
        var primary = topology.Nodes.Single(node => node.Port == port);
        var marker = Enumerable.Range(0, 100_000).Select(i => $"replication-marker-{i.ToString(CultureInfo.InvariantCulture)}")
            .First(key => primary.Owns(RedisHashSlot.Of(key)));
        var reply = (await Cli.SessionAsync(port, $"SET {marker} 1", $"WAIT 1 {(int)ReadyTimeout.TotalMilliseconds}"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(reply is ["OK", var acknowledged] && int.Parse(acknowledged, CultureInfo.InvariantCulture) >= 1, $"WAIT on {port}: {string.Join(' ', reply)}");
    }

    /// <summary>Changes a setting on every live node (<c>CONFIG SET</c>).</summary>
    public async Task ConfigureEveryNodeAsync(string name, string value)
    {
        foreach (var port in _processes.Keys)
        {
            await Cli.NodeAsync(port, "CONFIG", "SET", name, value);
        }
    }

    /// <summary>Waits until the node at <paramref name="port"/> says (<c>ROLE</c>) it is a primary.</summary>
    public Task WaitForPromotionAsync(int port, TimeSpan timeout) => Eventually.SucceedsAsync(
        async () => Assert.StartsWith("master\n", await Cli.NodeAsync(port, "ROLE"), StringComparison.Ordinal),
        timeout);

    public async Task InitializeAsync()
    {
        var server = RedisServerProcess.FindBinary();
        var cli = RedisCli.FindBinary();
        if (server is null || cli is null)
        {
            UnavailableReason = server is null ? RedisServerProcess.NotInstalled : RedisCli.NotInstalled;
            return;
        }

        _cli = new RedisCli(cli);
        try
        {
            await StartNodesAsync(server);
            await _cli.RunAsync(
                ["--cluster", "create", .. Ports.Select(port => $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), "--cluster-replicas", "1", "--cluster-yes"]);
            await WaitUntilHealthyAsync();
            _multiplexer = await ConnectionMultiplexer.ConnectAsync($"{Configuration},allowAdmin=true");
        }
        catch
        {
            // A fixture whose start failed is never disposed: leave nothing behind now.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
            _multiplexer = null;
        }

        foreach (var process in _processes.Values)
        {
            process.Dispose();
        }

        _processes.Clear();
        foreach (var reservation in _reservations)
        {
            reservation.Dispose();
        }

        _reservations.Clear();
        if (_directory is not null && Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // Each node gets a client port and a cluster bus port, both held (see LoopbackPortReservation) for the cluster's
    // life: the default bus port, the client port + 10000, may be out of range or taken.
    private async Task StartNodesAsync(string binary)
    {
        _directory = Directory.CreateTempSubdirectory("typedsessions-redis-cluster-").FullName;
        var ports = new List<int>();
        for (var node = 0; node < PrimaryCount * 2; node++)
        {
            var client = LoopbackPortReservation.Reserve();
            var bus = LoopbackPortReservation.Reserve();
            _reservations.AddRange([client, bus]);
            ports.Add(client.Port);

            // A folder per node: a replica writes the primary's snapshot to its working folder during a full sync.
            var folder = Directory.CreateDirectory(Path.Combine(_directory, client.Port.ToString(CultureInfo.InvariantCulture))).FullName;
            _processes[client.Port] = await RedisServerProcess.StartAsync(binary, client.Port, folder,
            [
                "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-port", bus.Port.ToString(CultureInfo.InvariantCulture),
                "--cluster-node-timeout", ((int)NodeTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            ]);
        }

        Ports = ports;
    }
}
