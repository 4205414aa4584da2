using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// The application's clock decides expiry; Redis's TTL is the backstop that evicts. When the two disagree (here: a
/// fake clock years ahead of the server's), an expired record is still in Redis, never loads, and ClearExpired
/// deletes it.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisExpiryTests(RedisServerFixture redis)
{
    private readonly FakeTimeProvider _time = TestClock.New();

    [SkippableFact]
    public async Task A_record_expired_by_the_clock_but_not_yet_evicted_never_loads()
    {
        var store = RedisTestStores.Create(redis, _time);
        Assert.True(await store.TryCreateAsync("id", Record(_time.GetUtcNow().AddSeconds(60))));

        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.True(await Raw.KeyExistsAsync(store.KeyFor("id")), "Redis's TTL has not fired: the key is still there.");
        Assert.Null(await store.LoadRecordAsync("id"));
        Assert.False(await store.ExistsAsync("id"));
    }

    [SkippableFact]
    public async Task Clear_expired_deletes_the_records_Redis_has_not_evicted_yet_and_counts_them()
    {
        var store = RedisTestStores.Create(redis, _time);
        Assert.True(await store.TryCreateAsync("old", Record(_time.GetUtcNow().AddSeconds(10))));
        Assert.True(await store.TryCreateAsync("live", Record(_time.GetUtcNow().AddSeconds(11))));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, await store.ClearExpiredAsync());

        Assert.False(await Raw.KeyExistsAsync(store.KeyFor("old")));
        Assert.NotNull(await store.LoadRecordAsync("live"));
    }

    [SkippableFact]
    public async Task Clear_expired_leaves_keys_under_the_prefix_that_are_not_session_hashes()
    {
        var store = RedisTestStores.Create(redis, _time);
        await Raw.StringSetAsync(store.KeyFor("a-string"), "x");
        await Raw.HashSetAsync(store.KeyFor("a-foreign-hash"), "field", "value");
        _time.Advance(TimeSpan.FromDays(3650));

        Assert.Equal(0, await store.ClearExpiredAsync());

        Assert.True(await Raw.KeyExistsAsync(store.KeyFor("a-string")));
        Assert.True(await Raw.KeyExistsAsync(store.KeyFor("a-foreign-hash")));
    }

    // Each glob character alone, in a prefix whose unescaped pattern would also match the lookalike prefix 'stemx:'.
    [SkippableTheory]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("[x]")]
    [InlineData("\\x")]
    public async Task Clear_expired_matches_the_prefix_literally_even_with_glob_characters(string glob)
    {
        var stem = $"glob:{Guid.NewGuid():N}";
        var globbing = RedisTestStores.Create(redis, _time, o => o.KeyPrefix = stem + glob + ":");
        var lookalike = RedisTestStores.Create(redis, _time, o => o.KeyPrefix = stem + "x:");
        Assert.True(await globbing.TryCreateAsync("id", Record(_time.GetUtcNow().AddSeconds(1))));
        Assert.True(await lookalike.TryCreateAsync("id", Record(_time.GetUtcNow().AddSeconds(1))));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await globbing.ClearExpiredAsync());

        Assert.True(await Raw.KeyExistsAsync(lookalike.KeyFor("id")), $"An unescaped '{stem}{glob}:*' pattern would have matched the lookalike's key.");
        Assert.Equal(1, await lookalike.ClearExpiredAsync());
    }

    [SkippableFact]
    public async Task Clear_expired_works_through_many_scan_batches()
    {
        var store = RedisTestStores.Create(redis, _time, o => o.ClearExpiredBatchSize = 3);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await store.TryCreateAsync($"old{i}", Record(_time.GetUtcNow().AddSeconds(1))));
            Assert.True(await store.TryCreateAsync($"live{i}", Record(_time.GetUtcNow().AddHours(1))));
        }

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(10, await store.ClearExpiredAsync());
        Assert.Equal(0, await store.ClearExpiredAsync());
        for (var i = 0; i < 10; i++)
        {
            Assert.NotNull(await store.LoadRecordAsync($"live{i}"));
        }
    }

    private IDatabase Raw => redis.Multiplexer.GetDatabase();

    private static SessionRecord Record(DateTimeOffset expiresAt) => new(new Dictionary<string, string> { ["a"] = "1" }, expiresAt);
}
