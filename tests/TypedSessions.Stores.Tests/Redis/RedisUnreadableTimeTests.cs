using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// A hash's times are text in Redis and may hold anything: a time that is no number of milliseconds, or one past year
/// 9999, makes the record unreadable (an empty session, never a failed request), and ClearExpired deletes a session
/// hash whose expiry it cannot read as it deletes an expired one.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisUnreadableTimeTests(RedisServerFixture redis)
{
    private readonly FakeTimeProvider _time = TestClock.New();

    public static TheoryData<string, string> UnreadableTimes => new()
    {
        { "m:exp", "99999999999999999" },
        { "m:exp", "253402300800000" }, // one millisecond past 9999-12-31T23:59:59.999Z
        { "m:exp", "99999999999999999999999" }, // past long.MaxValue
        { "m:created", "99999999999999999" },
        { "m:created", "abc" },
        { "m:created", "" },
        { "m:saved", "9223372036854775807" },
        { "m:saved", "1.5" },
    };

    [SkippableTheory]
    [MemberData(nameof(UnreadableTimes))]
    public async Task A_hash_with_an_unreadable_time_loads_as_unreadable_and_is_kept(string field, string value)
    {
        var store = await CreateAsync("id", _time.GetUtcNow().AddHours(1));
        await Raw.HashSetAsync(store.KeyFor("id"), field, value);

        var loaded = await store.LoadAsync("id");

        Assert.True(loaded.IsUnreadable, $"{field} = {value} loaded as {(loaded.IsFound ? "found" : "not found")}");
        Assert.Contains(field, loaded.Problem, StringComparison.Ordinal);
        Assert.True(await Raw.KeyExistsAsync(store.KeyFor("id")));
    }

    [SkippableFact]
    public async Task The_latest_readable_expiry_loads()
    {
        var store = await CreateAsync("id", _time.GetUtcNow().AddHours(1));
        await Raw.HashSetAsync(store.KeyFor("id"), "m:exp", SessionRecordTime.MaxUnixMilliseconds);

        var loaded = await store.LoadRecordAsync("id");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(SessionRecordTime.MaxUnixMilliseconds), loaded?.ExpiresAt);
    }

    [SkippableFact]
    public async Task Clear_expired_deletes_session_hashes_whose_expiry_is_unreadable_and_keeps_live_and_foreign_ones()
    {
        var inOneHour = _time.GetUtcNow().AddHours(1);
        var store = await CreateAsync("live", inOneHour);
        Assert.True(await store.TryCreateAsync("unreadable-created", Record(inOneHour)));
        await Raw.HashSetAsync(store.KeyFor("unreadable-created"), "m:created", "abc");
        await Raw.HashSetAsync(store.KeyFor("foreign"), "field", "value");
        var unreadableExpiries = new[] { "soon", "", "-5", "1.5", "99999999999999999", "253402300800000", "1e20" };
        for (var i = 0; i < unreadableExpiries.Length; i++)
        {
            Assert.True(await store.TryCreateAsync($"unreadable-{i}", Record(inOneHour)));
            await Raw.HashSetAsync(store.KeyFor($"unreadable-{i}"), "m:exp", unreadableExpiries[i]);
        }

        Assert.Equal(unreadableExpiries.Length, await store.ClearExpiredAsync());

        Assert.NotNull(await store.LoadRecordAsync("live"));
        Assert.True(await Raw.KeyExistsAsync(store.KeyFor("unreadable-created")), "Its expiry reads: it stays until it expires.");
        Assert.True(await Raw.KeyExistsAsync(store.KeyFor("foreign")), "A hash without m:exp is not a session hash.");
        for (var i = 0; i < unreadableExpiries.Length; i++)
        {
            Assert.False(await Raw.KeyExistsAsync(store.KeyFor($"unreadable-{i}")), $"m:exp = '{unreadableExpiries[i]}' was kept.");
        }
    }

    private IDatabase Raw => redis.Multiplexer.GetDatabase();

    private static SessionRecord Record(DateTimeOffset expiresAt)
        => new(new Dictionary<string, string> { ["a"] = "1" }, expiresAt) { CreatedAt = expiresAt.AddHours(-2), LastSavedAt = expiresAt.AddHours(-2) };

    private async Task<TypedSessions.Redis.RedisSessionRecordStore> CreateAsync(string id, DateTimeOffset expiresAt)
    {
        var store = RedisTestStores.Create(redis, _time);
        Assert.True(await store.TryCreateAsync(id, Record(expiresAt)));
        return store;
    }
}
