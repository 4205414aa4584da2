using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.DistributedCache;

namespace TypedSessions.Stores.Tests.DistributedCache;

/// <summary>
/// The envelope's times (<c>e</c> expiry, <c>c</c> created, <c>s</c> saved) are JSON numbers that may hold anything: one
/// that is no whole number of milliseconds, or one past year 9999, makes the entry unreadable, never a failed request,
/// and the entry is left where it is.
/// </summary>
public sealed class DistributedCacheUnreadableTimeTests
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly long InOneHour = Start.AddHours(1).ToUnixTimeMilliseconds();

    private readonly FakeTimeProvider _time = new(Start);
    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));

    public static TheoryData<string, string> UnreadableTimes => new()
    {
        { "e", "99999999999999999" },
        { "e", "253402300800000" }, // one millisecond past 9999-12-31T23:59:59.999Z
        { "c", "99999999999999999" },
        { "c", "-99999999999999999" },
        { "c", "\"abc\"" },
        { "s", "1.5" },
        { "s", "9223372036854775807" },
        { "s", "true" },
    };

    [Theory]
    [MemberData(nameof(UnreadableTimes))]
    public async Task An_entry_with_an_unreadable_time_loads_as_unreadable_and_is_kept(string property, string json)
    {
        var times = new Dictionary<string, string> { ["e"] = $"{InOneHour}", ["c"] = $"{InOneHour - 7_200_000}", ["s"] = $"{InOneHour - 3_600_000}" };
        times[property] = json;
        var entry = Encoding.UTF8.GetBytes($$$"""{"f":1,"e":{{{times["e"]}}},"c":{{{times["c"]}}},"s":{{{times["s"]}}},"v":{"a":1}}""");
        await _cache.SetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id, entry);

        var loaded = await CreateStore().LoadAsync(Id);

        Assert.True(loaded.IsUnreadable, $"{property} = {json} loaded as {(loaded.IsFound ? "found" : "not found")}");
        Assert.Contains($"'{property}'", loaded.Problem, StringComparison.Ordinal);
        Assert.Equal(entry, await _cache.GetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id));
    }

    [Fact]
    public async Task The_latest_readable_expiry_loads()
    {
        await _cache.SetAsync(
            DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id,
            Encoding.UTF8.GetBytes($$$"""{"f":1,"e":{{{SessionRecordTime.MaxUnixMilliseconds}}},"v":{"a":1}}"""));

        var loaded = await CreateStore().LoadRecordAsync(Id);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(SessionRecordTime.MaxUnixMilliseconds), loaded?.ExpiresAt);
    }

    private DistributedCacheSessionRecordStore CreateStore()
        => new(_cache, Options.Create(new DistributedCacheSessionRecordStoreOptions()), _time);
}
