namespace TypedSessions.Stores.Tests.Servers;

/// <summary>A cluster as one node sees it (its <c>CLUSTER NODES</c>): who is primary of which slots, and who replicates whom.</summary>
public sealed class RedisClusterTopology(IReadOnlyList<RedisClusterNode> nodes)
{
    public const int SlotCount = 16384;

    public IReadOnlyList<RedisClusterNode> Nodes { get; } = nodes;

    /// <summary>The primaries that serve slots, by port.</summary>
    public IReadOnlyList<RedisClusterNode> Primaries => [.. Nodes.Where(node => node.IsPrimary && !node.HasFailed && node.SlotCount > 0).OrderBy(node => node.Port)];

    /// <summary>Whether the primaries that are not failed serve every slot between them.</summary>
    public bool CoversAllSlots => Primaries.Sum(node => node.SlotCount) == SlotCount;

    public static RedisClusterTopology Parse(string clusterNodes) =>
        new([.. clusterNodes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(RedisClusterNode.Parse)]);

    /// <summary>The live primary that serves <paramref name="slot"/>.</summary>
    public RedisClusterNode PrimaryOf(int slot) => Primaries.Single(node => node.Owns(slot));

    /// <summary>The live replicas of a primary.</summary>
    public IReadOnlyList<RedisClusterNode> ReplicasOf(RedisClusterNode primary) =>
        [.. Nodes.Where(node => !node.IsPrimary && !node.HasFailed && node.PrimaryId == primary.Id)];
}
