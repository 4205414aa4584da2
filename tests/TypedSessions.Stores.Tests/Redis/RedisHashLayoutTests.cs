using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>What a session looks like inside Redis: one hash, a field per key, the expiry as a field and as the TTL.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisHashLayoutTests(RedisServerFixture redis)
{
    private readonly FakeTimeProvider _time = TestClock.New();

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    [SkippableFact]
    public async Task A_session_is_one_hash_with_a_field_per_key_and_the_expiry_field()
    {
        var store = RedisTestStores.Create(redis, _time);
        var values = new Dictionary<string, string> { ["cart"] = """{"lines":[1,2]}""", ["count"] = "3" };

        Assert.True(await store.TryCreateAsync("id", new SessionRecord(values, InOneHour)));

        var key = store.KeyFor("id");
        Assert.Equal(RedisType.Hash, await Raw.KeyTypeAsync(key));
        var fields = (await Raw.HashGetAllAsync(key)).ToDictionary(entry => (string)entry.Name!, entry => (string)entry.Value!);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["k:cart"] = """{"lines":[1,2]}""",
                ["k:count"] = "3",
                ["m:exp"] = InOneHour.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["m:ver"] = "1",
            },
            fields);
    }

    [SkippableFact]
    public async Task Session_keys_named_like_metadata_cannot_collide_with_it()
    {
        var store = RedisTestStores.Create(redis, _time);
        var values = new Dictionary<string, string> { ["m:exp"] = "\"mine\"", ["k:x"] = "1", [""] = "2" };

        Assert.True(await store.TryCreateAsync("id", new SessionRecord(values, InOneHour)));

        var loaded = await store.LoadRecordAsync("id");
        Assert.NotNull(loaded);
        Assert.Equal(values.OrderBy(p => p.Key, StringComparer.Ordinal), loaded.Values.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(InOneHour, loaded.ExpiresAt);
        Assert.True(await Raw.HashExistsAsync(store.KeyFor("id"), "k:m:exp"));
    }

    [SkippableFact]
    public async Task The_key_is_the_configured_prefix_followed_by_the_record_id()
    {
        var prefix = $"myapp:sessions:{Guid.NewGuid():N}:";
        var store = RedisTestStores.Create(redis, _time, o => o.KeyPrefix = prefix);

        Assert.True(await store.TryCreateAsync("abc123", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, InOneHour)));

        Assert.Equal((RedisKey)(prefix + "abc123"), store.KeyFor("abc123"));
        var keys = await KeysUnderAsync(prefix);
        Assert.Equal([prefix + "abc123"], keys);
    }

    [SkippableFact]
    public async Task The_TTL_is_the_expiry_and_follows_every_save()
    {
        var store = RedisTestStores.Create(redis, _time);
        var created = _time.GetUtcNow().AddDays(14);
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, created)));
        Assert.Equal(created.ToUnixTimeMilliseconds(), await ExpireTimeAsync(store.KeyFor("id")));

        var updated = created.AddDays(3).AddMilliseconds(123);
        var update = new SessionChanges { Values = new Dictionary<string, string>(), Changed = new Dictionary<string, string>(), Removed = [], ExpiresAt = updated };
        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync("id", update));

        Assert.Equal(updated.ToUnixTimeMilliseconds(), await ExpireTimeAsync(store.KeyFor("id")));
        Assert.Equal(updated, (await store.LoadRecordAsync("id"))!.ExpiresAt);
    }

    [SkippableFact]
    public async Task Fields_outside_the_session_key_namespace_are_not_session_keys_and_are_kept()
    {
        var store = RedisTestStores.Create(redis, _time);
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, InOneHour)));
        await Raw.HashSetAsync(store.KeyFor("id"), [new("m:future", "x"), new("legacy", "not json")]);

        var loaded = await store.LoadRecordAsync("id");
        Assert.Equal(["a"], loaded!.Values.Keys);

        var update = new SessionChanges
        {
            Values = new Dictionary<string, string> { ["a"] = "2" },
            Changed = new Dictionary<string, string> { ["a"] = "2" },
            Removed = [],
            ExpiresAt = InOneHour,
        };
        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync("id", update));
        Assert.Equal("x", (string?)await Raw.HashGetAsync(store.KeyFor("id"), "m:future"));
        Assert.Equal("not json", (string?)await Raw.HashGetAsync(store.KeyFor("id"), "legacy"));
    }

    private IDatabase Raw => redis.Multiplexer.GetDatabase();

    private async Task<long> ExpireTimeAsync(RedisKey key) => (long)await Raw.ExecuteAsync("PEXPIRETIME", key);

    private async Task<List<string>> KeysUnderAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var key in redis.Server.KeysAsync(pattern: prefix + "*"))
        {
            keys.Add(key!);
        }

        return keys;
    }
}
