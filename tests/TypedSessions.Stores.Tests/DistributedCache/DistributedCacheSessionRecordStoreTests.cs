using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.DistributedCache;

namespace TypedSessions.Stores.Tests.DistributedCache;

/// <summary>What the distributed-cache store does beyond the shared contract, and where its guarantees end.</summary>
public sealed class DistributedCacheSessionRecordStoreTests
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));

    public static TheoryData<string> Garbage =>
    [
        "",
        "not json",
        "{\"e\": ",
        "[1,2,3]",
        "null",
        "{}",
        "{\"v\":{\"a\":1}}",
        "{\"e\":1893499200000}",
        "{\"e\":\"soon\",\"v\":{}}",
        "{\"e\":1.5,\"v\":{}}",
        "{\"e\":99999999999999999,\"v\":{}}",
        "{\"e\":1893499200000,\"v\":[1]}",
        "{\"e\":1893499200000,\"v\":\"a\"}",
    ];

    [Fact]
    public async Task Expired_record_is_not_loaded_even_though_the_cache_still_holds_it()
    {
        var store = CreateStore(_cache);
        Assert.True(await store.TryCreateAsync(Id, Record(Start.AddMinutes(5), ("a", "1"))));

        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.NotNull(await _cache.GetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id));
        Assert.Null(await store.LoadRecordAsync(Id));
        Assert.False(await store.ExistsAsync(Id));
        Assert.Equal(SessionWriteResult.NotFound, await store.UpdateAsync(Id, SetOne("a", "2", Start.AddHours(1))));
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Load_of_a_corrupted_entry_throws_session_data_corrupted(string garbage)
    {
        var store = CreateStore(_cache);
        await _cache.SetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id, Encoding.UTF8.GetBytes(garbage), new DistributedCacheEntryOptions());

        await Assert.ThrowsAsync<SessionDataCorruptedException>(async () => await store.LoadRecordAsync(Id));
    }

    public static TheoryData<byte[]> NotUtf8 =>
    [
        [0xFF, 0xFE, 0x7B, 0x80],
        [.. "{\"e\":1893499200000,\"v\":{\"a\":\""u8, 0xC3, 0x28, .. "\"}}"u8],
        [.. "{\"e\":1893499200000,\"v\":{\""u8, 0xFF, .. "\":1}}"u8],
    ];

    [Theory]
    [MemberData(nameof(NotUtf8))]
    public async Task Load_of_an_entry_that_is_not_utf8_throws_session_data_corrupted(byte[] garbage)
    {
        var store = CreateStore(_cache);
        await _cache.SetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id, garbage, new DistributedCacheEntryOptions());

        await Assert.ThrowsAsync<SessionDataCorruptedException>(async () => await store.LoadRecordAsync(Id));
    }

    [Fact]
    public async Task Corrupted_entry_counts_as_no_record_for_exists_update_and_create()
    {
        var store = CreateStore(_cache);
        await _cache.SetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id, "garbage"u8.ToArray(), new DistributedCacheEntryOptions());

        Assert.False(await store.ExistsAsync(Id));
        Assert.Equal(SessionWriteResult.NotFound, await store.UpdateAsync(Id, SetOne("a", "2", Start.AddHours(1))));
        Assert.True(await store.TryCreateAsync(Id, Record(Start.AddHours(1), ("a", "3"))));
        Assert.Equal("3", (await store.LoadRecordAsync(Id))!.Values["a"]);
    }

    [Fact]
    public async Task Entry_is_one_json_envelope_of_expiry_and_values_under_the_prefixed_record_id()
    {
        var store = CreateStore(_cache, o => o.KeyPrefix = "shop:");
        var expiresAt = Start.AddDays(14);

        Assert.True(await store.TryCreateAsync(Id, Record(expiresAt, ("cart", """{"lines":[1,2]}"""), ("n", "3"))));

        Assert.Null(await _cache.GetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id));
        var blob = await _cache.GetAsync("shop:" + Id);
        Assert.NotNull(blob);
        using var document = JsonDocument.Parse(blob);
        Assert.Equal(expiresAt.ToUnixTimeMilliseconds(), document.RootElement.GetProperty("e").GetInt64());
        Assert.Equal("""{"cart":{"lines":[1,2]},"n":3}""", document.RootElement.GetProperty("v").GetRawText());
    }

    [Fact]
    public async Task Entry_expires_in_the_cache_after_the_record_s_remaining_lifetime()
    {
        var cache = new HookedDistributedCache(_cache);
        var store = CreateStore(cache);

        Assert.True(await store.TryCreateAsync(Id, Record(Start.AddHours(2), ("a", "1"))));
        Assert.Equal(TimeSpan.FromHours(2), cache.LastSetOptions?.AbsoluteExpirationRelativeToNow);

        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync(Id, SetOne("a", "2", _time.GetUtcNow().AddDays(1))));
        Assert.Equal(TimeSpan.FromDays(1), cache.LastSetOptions?.AbsoluteExpirationRelativeToNow);
        Assert.Null(cache.LastSetOptions?.AbsoluteExpiration);
        Assert.Null(cache.LastSetOptions?.SlidingExpiration);
    }

    [Fact]
    public async Task Update_to_an_expiry_already_past_removes_the_entry()
    {
        var store = CreateStore(_cache);
        Assert.True(await store.TryCreateAsync(Id, Record(Start.AddHours(1), ("a", "1"))));

        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync(Id, SetOne("a", "2", Start)));

        Assert.Null(await _cache.GetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id));
        Assert.Null(await store.LoadRecordAsync(Id));
    }

    [Fact]
    public async Task Clear_expired_returns_zero_and_expired_records_stay_unloadable()
    {
        var store = CreateStore(_cache);
        Assert.True(await store.TryCreateAsync(Id, Record(Start.AddSeconds(10), ("a", "1"))));
        var lasting = Id.Replace('0', 'f');
        Assert.True(await store.TryCreateAsync(lasting, Record(Start.AddSeconds(11), ("b", "2"))));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, await store.ClearExpiredAsync());

        Assert.Null(await store.LoadRecordAsync(Id));
        Assert.Equal("2", (await store.LoadRecordAsync(lasting))!.Values["b"]);
    }

    // The documented limit of a cache without compare-and-set: two servers that save one session at the same moment.
    [Fact]
    public async Task Two_app_instances_sharing_one_cache_are_last_writer_wins_when_their_saves_interleave()
    {
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstServerCache = new HookedDistributedCache(_cache);
        var firstServer = CreateStore(firstServerCache);
        var secondServer = CreateStore(_cache);
        Assert.True(await secondServer.TryCreateAsync(Id, Record(Start.AddHours(1), ("shared", "0"))));

        firstServerCache.BeforeSetAsync = () =>
        {
            paused.TrySetResult();
            return resume.Task;
        };
        var firstSave = UpdateInBackground(firstServer, SetOne("first", "1", Start.AddHours(1)));
        await paused.Task;
        Assert.Equal(SessionWriteResult.Written, await secondServer.UpdateAsync(Id, SetOne("second", "1", Start.AddHours(1))));
        resume.SetResult();
        Assert.Equal(SessionWriteResult.Written, await firstSave);

        // The first server merged onto the record as it read it, before the second server's save: that save is lost.
        var stored = await secondServer.LoadRecordAsync(Id);
        Assert.NotNull(stored);
        Assert.Equal(["first", "shared"], stored.Values.Keys.Order(StringComparer.Ordinal));

        static Task<SessionWriteResult> UpdateInBackground(DistributedCacheSessionRecordStore store, SessionChanges update)
            => Task.Run(async () => await store.UpdateAsync(Id, update));
    }

    public static TheoryData<string?> InvalidPrefixes => [null, "with space", "tab\t", "nul\0", new string('p', DistributedCacheSessionRecordStoreOptions.MaxKeyPrefixLength + 1)];

    [Theory]
    [MemberData(nameof(InvalidPrefixes))]
    public void Store_rejects_a_key_prefix_caches_would_refuse(string? prefix)
    {
        var exception = Assert.Throws<OptionsValidationException>(() => CreateStore(_cache, o => o.KeyPrefix = prefix!));

        Assert.Contains(exception.Failures, failure => failure.Contains("KeyPrefix", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_key_prefix_uses_the_bare_record_id()
    {
        var store = CreateStore(_cache, o => o.KeyPrefix = "");

        Assert.True(await store.TryCreateAsync(Id, Record(Start.AddHours(1))));

        Assert.NotNull(await _cache.GetAsync(Id));
    }

    private DistributedCacheSessionRecordStore CreateStore(IDistributedCache cache, Action<DistributedCacheSessionRecordStoreOptions>? configure = null)
    {
        var options = new DistributedCacheSessionRecordStoreOptions();
        configure?.Invoke(options);
        return new DistributedCacheSessionRecordStore(cache, Options.Create(options), _time);
    }

    private static SessionRecord Record(DateTimeOffset expiresAt, params (string Key, string Json)[] values)
        => new(values.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal), expiresAt);

    private static SessionChanges SetOne(string key, string json, DateTimeOffset expiresAt)
        => new()
        {
            Values = new Dictionary<string, string> { [key] = json },
            Changed = new Dictionary<string, string> { [key] = json },
            Removed = [],
            ExpiresAt = expiresAt,
        };
}
