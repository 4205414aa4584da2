using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.RedisCluster;

/// <summary>The cluster fixture builds what the cluster tests rely on, and leaves nothing behind.</summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterFixtureTests(RedisClusterFixture cluster)
{
    [SkippableFact]
    public async Task Three_primaries_serve_every_slot_each_with_a_replica_and_the_configuration_names_them()
    {
        cluster.EnsureAvailable();

        var topology = await cluster.TopologyAsync();

        Assert.Equal(6, topology.Nodes.Count);
        Assert.True(topology.CoversAllSlots);
        Assert.Equal(RedisClusterFixture.PrimaryCount, topology.Primaries.Count);
        Assert.All(topology.Primaries, primary => Assert.Single(topology.ReplicasOf(primary)));
        Assert.Equal(
            topology.Primaries.Select(primary => $"127.0.0.1:{primary.Port}").Order(),
            cluster.Configuration.Split(',').Order());
        Assert.Equal(6, cluster.Multiplexer.GetServers().Length);
    }

    [SkippableFact]
    public async Task Disposal_kills_every_node_and_deletes_the_temp_folder()
    {
        cluster.EnsureAvailable();
        var own = new RedisClusterFixture();
        await own.InitializeAsync();
        var processes = own.Ports.Select(own.ProcessIdOf).ToList();
        var folder = own.TempDirectory!;
        Assert.All(processes, id => Assert.True(Directory.Exists($"/proc/{id}")));

        await own.DisposeAsync();

        Assert.All(processes, id => Assert.False(ProcessTree.IsAlive(id), $"Node process {id} outlived the fixture."));
        Assert.False(Directory.Exists(folder));
    }
}
