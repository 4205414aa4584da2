using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>A save writes the keys it changed and nothing else, as the server itself reports (<c>MONITOR</c>).</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisPartialWriteTests(RedisServerFixture redis)
{
    private readonly FakeTimeProvider _time = TestClock.New();

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    private string InOneHourMilliseconds => InOneHour.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    [SkippableFact]
    public async Task Saving_one_changed_key_writes_one_HSET_of_that_field_and_the_expiry_only()
    {
        var (store, key) = await CreateAsync(("a", "1"), ("b", "2"), ("c", "3"));
        await using var monitor = await RedisMonitor.StartAsync(redis);

        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync("id", Update(set: [("a", "10")])));

        var writes = (await monitor.CollectAsync()).Where(command => command.IsWrite).ToList();
        Assert.Equal(
            [$"[lua] hset {key} m:exp {InOneHourMilliseconds} m:ver 1 k:a 10", $"[lua] pexpireat {key} {InOneHourMilliseconds}"],
            writes.Select(command => command.ToString()));
    }

    [SkippableFact]
    public async Task Removed_keys_are_deleted_with_one_HDEL_of_exactly_their_fields()
    {
        var (store, key) = await CreateAsync(("a", "1"), ("b", "2"), ("c", "3"));
        await using var monitor = await RedisMonitor.StartAsync(redis);

        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync("id", Update(removed: ["b", "c"])));

        var writes = (await monitor.CollectAsync()).Where(command => command.IsWrite).ToList();
        Assert.Equal(["hdel", "hset", "pexpireat"], writes.Select(command => command.Name));
        Assert.Equal([key, "k:b", "k:c"], writes[0].Arguments);
        Assert.Equal([key, "m:exp", InOneHourMilliseconds, "m:ver", "1"], writes[1].Arguments);
        Assert.Equal(["k:a", "m:exp", "m:ver"], (await Raw.HashGetAllAsync(key)).Select(entry => (string)entry.Name!).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task A_key_changed_by_someone_else_between_load_and_save_is_not_overwritten()
    {
        var (store, key) = await CreateAsync(("a", "1"), ("b", "2"));
        var loaded = await store.LoadRecordAsync("id");
        await Raw.HashSetAsync(key, "k:b", "\"changed elsewhere\"");

        // The saving request's view still has b=2; only a, which it changed, may be written.
        var update = new SessionChanges
        {
            Values = new Dictionary<string, string>(loaded!.Values) { ["a"] = "10" },
            Changed = new Dictionary<string, string> { ["a"] = "10" },
            Removed = [],
            ExpiresAt = InOneHour,
        };
        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync("id", update));

        var reloaded = await store.LoadRecordAsync("id");
        Assert.Equal("10", reloaded!.Values["a"]);
        Assert.Equal("\"changed elsewhere\"", reloaded.Values["b"]);
    }

    [SkippableFact]
    public async Task A_conflicting_optimistic_save_writes_nothing_at_all()
    {
        var (store, _) = await CreateAsync(("a", "1"));
        await using var monitor = await RedisMonitor.StartAsync(redis);
        var update = new SessionChanges
        {
            Values = new Dictionary<string, string> { ["a"] = "3" },
            Changed = new Dictionary<string, string> { ["a"] = "3" },
            Removed = [],
            ExpiresAt = InOneHour,
            ExpectedValues = new Dictionary<string, string?> { ["a"] = "2" },
        };

        Assert.Equal(SessionWriteResult.Conflict, await store.UpdateAsync("id", update));

        Assert.DoesNotContain(await monitor.CollectAsync(), command => command.IsWrite);
    }

    [SkippableFact]
    public async Task An_update_of_a_missing_record_writes_nothing_at_all()
    {
        var store = RedisTestStores.Create(redis, _time);
        await using var monitor = await RedisMonitor.StartAsync(redis);

        Assert.Equal(SessionWriteResult.NotFound, await store.UpdateAsync("missing", Update(set: [("a", "1")])));

        Assert.DoesNotContain(await monitor.CollectAsync(), command => command.IsWrite);
        Assert.False(await Raw.KeyExistsAsync(store.KeyFor("missing")));
    }

    [SkippableFact]
    public async Task A_touch_writes_only_the_expiry_field_and_the_TTL()
    {
        var (store, key) = await CreateAsync(("a", "1"), ("b", "2"));
        var before = (await Raw.HashGetAllAsync(key)).ToDictionary(entry => (string)entry.Name!, entry => (string)entry.Value!);
        var expiresAt = InOneHour.AddDays(1).AddMilliseconds(7);
        var expiresAtMilliseconds = expiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await using var monitor = await RedisMonitor.StartAsync(redis);

        Assert.Equal(SessionWriteResult.Written, await store.TouchAsync("id", expiresAt));

        var writes = (await monitor.CollectAsync()).Where(command => command.IsWrite).ToList();
        Assert.Equal(
            [$"[lua] hset {key} m:exp {expiresAtMilliseconds}", $"[lua] pexpireat {key} {expiresAtMilliseconds}"],
            writes.Select(command => command.ToString()));
        before["m:exp"] = expiresAtMilliseconds;
        Assert.Equal(before, (await Raw.HashGetAllAsync(key)).ToDictionary(entry => (string)entry.Name!, entry => (string)entry.Value!));
    }

    [SkippableFact]
    public async Task A_touch_of_a_missing_record_writes_nothing_at_all()
    {
        var store = RedisTestStores.Create(redis, _time);
        await using var monitor = await RedisMonitor.StartAsync(redis);

        Assert.Equal(SessionWriteResult.NotFound, await store.TouchAsync("missing", InOneHour));

        Assert.DoesNotContain(await monitor.CollectAsync(), command => command.IsWrite);
        Assert.False(await Raw.KeyExistsAsync(store.KeyFor("missing")));
    }

    private IDatabase Raw => redis.Multiplexer.GetDatabase();

    private async Task<(RedisSessionRecordStore Store, string Key)> CreateAsync(params (string Key, string Json)[] values)
    {
        var store = RedisTestStores.Create(redis, _time);
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(values.ToDictionary(p => p.Key, p => p.Json), InOneHour)));
        return (store, store.KeyFor("id")!);
    }

    private SessionChanges Update((string Key, string Json)[]? set = null, string[]? removed = null) => new()
    {
        Values = new Dictionary<string, string>(),
        Changed = (set ?? []).ToDictionary(p => p.Key, p => p.Json),
        Removed = removed ?? [],
        ExpiresAt = InOneHour,
    };
}
