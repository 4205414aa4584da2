using System.Globalization;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>
/// One node as a line of <c>CLUSTER NODES</c> describes it:
/// <c>&lt;id&gt; &lt;ip:port@bus-port&gt; &lt;flags&gt; &lt;primary id or -&gt; &lt;ping&gt; &lt;pong&gt; &lt;epoch&gt; &lt;link&gt; &lt;slot ranges…&gt;</c>.
/// </summary>
public sealed record RedisClusterNode(string Id, int Port, bool IsPrimary, string? PrimaryId, bool HasFailed, IReadOnlyList<(int First, int Last)> Slots)
{
    public int SlotCount => Slots.Sum(range => range.Last - range.First + 1);

    public bool Owns(int slot) => Slots.Any(range => range.First <= slot && slot <= range.Last);

    public static RedisClusterNode Parse(string line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var address = fields[1].Split('@')[0];
        var flags = fields[2].Split(',');

        // "[slot->-node]" and "[slot-<-node]" are slots moving between nodes, which a fresh cluster has none of.
        var slots = fields.Skip(8).Where(field => !field.StartsWith('[')).Select(field =>
        {
            var bounds = field.Split('-');
            return (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[^1], CultureInfo.InvariantCulture));
        }).ToList();
        return new RedisClusterNode(
            fields[0],
            int.Parse(address[(address.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture),
            flags.Contains("master"),
            fields[3] == "-" ? null : fields[3],
            flags.Contains("fail"),
            slots);
    }
}
