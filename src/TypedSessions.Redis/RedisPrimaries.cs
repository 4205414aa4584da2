using System.Globalization;
using StackExchange.Redis;

namespace TypedSessions.Redis;

/// <summary>
/// The servers that hold the keys, for commands that must visit each of them (<c>SCAN</c>): the server, or on a
/// cluster the primary the multiplexer routes each of the 16384 hash slots to now. A cluster's primary that died and
/// whose replica took over stays among the multiplexer's servers, as a primary, and would fail every scan; once the
/// multiplexer has learned of the promotion (which it must to serve those slots at all), no slot routes to it.
/// </summary>
internal static class RedisPrimaries
{
    private const int SlotCount = 16384;

    // A key in each hash slot, found once by trying short keys: about 170,000 tries, a few milliseconds.
    private static RedisKey[]? s_keyPerSlot;

    public static List<IServer> List(IConnectionMultiplexer multiplexer)
    {
        var servers = multiplexer.GetServers();
        if (!servers.Any(static server => server.ServerType == ServerType.Cluster))
        {
            return [.. servers.Where(static server => !server.IsReplica)];
        }

        // A slot whose primary is down and not replaced routes to it still, so the scan fails rather than skipping its keys.
        return [.. KeyPerSlot(multiplexer)
            .Select(key => multiplexer.GetServer(key, flags: CommandFlags.DemandMaster))
            .DistinctBy(static server => server.EndPoint)];
    }

    private static RedisKey[] KeyPerSlot(IConnectionMultiplexer multiplexer)
    {
        if (s_keyPerSlot is { } known)
        {
            return known;
        }

        var keys = new RedisKey[SlotCount];
        var filled = new bool[SlotCount];
        var found = 0;
        for (var i = 0; found < SlotCount; i++)
        {
            RedisKey key = i.ToString(CultureInfo.InvariantCulture);
            var slot = multiplexer.GetHashSlot(key);
            if (!filled[slot])
            {
                filled[slot] = true;
                keys[slot] = key;
                found++;
            }
        }

        return s_keyPerSlot = keys;
    }
}
