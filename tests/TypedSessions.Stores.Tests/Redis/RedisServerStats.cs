using System.Globalization;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// The counters of <c>INFO all</c> that measure a workload: calls per command (<c>commandstats</c>, which includes the
/// commands Lua scripts run).
/// </summary>
internal sealed record RedisServerStats(IReadOnlyDictionary<string, long> Calls)
{
    public static async Task<RedisServerStats> ReadAsync(RedisServerFixture redis)
    {
        var info = (string)(await redis.Multiplexer.GetDatabase().ExecuteAsync("INFO", "all"))!;
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in info.Split("\r\n"))
        {
            if (line.StartsWith("cmdstat_", StringComparison.Ordinal))
            {
                // cmdstat_hgetall:calls=1,usec=5,usec_per_call=5.00,rejected_calls=0,failed_calls=0
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var name = line["cmdstat_".Length..colon].Replace('|', ' ');
                var callsField = line[(colon + 1)..].Split(',')[0];
                calls[name] = long.Parse(callsField["calls=".Length..], CultureInfo.InvariantCulture);
            }
        }

        return new RedisServerStats(calls);
    }

    /// <summary>What happened between <paramref name="earlier"/> and this reading; commands with no new calls are left out.</summary>
    public RedisServerStats Since(RedisServerStats earlier)
    {
        var calls = Calls
            .Select(pair => (pair.Key, Delta: pair.Value - earlier.Calls.GetValueOrDefault(pair.Key)))
            .Where(pair => pair.Delta != 0)
            .ToDictionary(pair => pair.Key, pair => pair.Delta, StringComparer.Ordinal);
        return new RedisServerStats(calls);
    }
}
