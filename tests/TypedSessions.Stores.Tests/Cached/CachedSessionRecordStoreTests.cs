using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Cached;
using TypedSessions.Stores.DistributedCache;

namespace TypedSessions.Stores.Tests.Cached;

/// <summary>The cached store's own behaviour, after Django's <c>cached_db</c> tests: cache first, durable first, failures logged.</summary>
public sealed class CachedSessionRecordStoreTests : IDisposable
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly FakeLogCollector _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly InstrumentedSessionRecordStore _cache;
    private readonly InstrumentedSessionRecordStore _durable;
    private readonly CachedSessionRecordStore _store;

    public CachedSessionRecordStoreTests()
    {
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(_logs)));
        _cache = new InstrumentedSessionRecordStore("cache", new MemorySessionRecordStore(_time));
        _durable = new InstrumentedSessionRecordStore("durable", new MemorySessionRecordStore(_time), _cache.Journal);
        _store = new CachedSessionRecordStore(_cache, _durable, _loggerFactory);
    }

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    [Fact]
    public async Task Load_of_a_cached_record_costs_no_durable_round_trip()
    {
        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"))));
        _cache.Journal.Clear();

        Assert.Equal("1", (await _store.LoadRecordAsync(Id))!.Values["a"]);

        Assert.Empty(_durable.Calls);
    }

    [Fact]
    public async Task Load_that_misses_the_cache_reads_the_durable_store_and_repopulates_the_cache()
    {
        Assert.True(await _durable.Inner.TryCreateAsync(Id, Record(("a", "1"))));

        Assert.Equal("1", (await _store.LoadRecordAsync(Id))!.Values["a"]);
        Assert.Equal("1", (await _cache.Inner.LoadRecordAsync(Id))!.Values["a"]);

        _cache.Journal.Clear();
        Assert.NotNull(await _store.LoadRecordAsync(Id));
        Assert.Empty(_durable.Calls);
    }

    [Fact]
    public async Task Load_of_an_unknown_id_creates_nothing_in_either_store()
    {
        Assert.Null(await _store.LoadRecordAsync(Id));

        Assert.Null(await _cache.Inner.LoadRecordAsync(Id));
        Assert.Null(await _durable.Inner.LoadRecordAsync(Id));
        Assert.DoesNotContain("TryCreate", _cache.Calls);
    }

    [Fact]
    public async Task Create_writes_through_the_durable_store_first_then_the_cache()
    {
        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"))));

        Assert.Equal(["durable.TryCreate", "cache.TryCreate"], _cache.Journal);
        Assert.NotNull(await _durable.Inner.LoadRecordAsync(Id));
        Assert.NotNull(await _cache.Inner.LoadRecordAsync(Id));
    }

    [Fact]
    public async Task Create_refused_by_the_durable_store_returns_false_and_leaves_the_cache_alone()
    {
        Assert.True(await _durable.Inner.TryCreateAsync(Id, Record(("owner", "1"))));

        Assert.False(await _store.TryCreateAsync(Id, Record(("owner", "2"))));

        Assert.Empty(_cache.Calls);
    }

    [Fact]
    public async Task Cache_failure_on_save_is_logged_as_error_saving_to_cache_and_does_not_fail_the_create()
    {
        _cache.FailEverything();

        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"))));

        Assert.NotNull(await _durable.Inner.LoadRecordAsync(Id));
        var error = Assert.Single(_logs.GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.StartsWith("Error saving to cache", error.Message, StringComparison.Ordinal);
        Assert.Same(_cache.Failure, error.Exception);
        Assert.Equal("TypedSessions.Cached", error.Category);
    }

    [Fact]
    public async Task Cache_failure_on_load_is_logged_and_the_durable_store_answers()
    {
        Assert.True(await _durable.Inner.TryCreateAsync(Id, Record(("a", "1"))));
        _cache.FailEverything();

        Assert.Equal("1", (await _store.LoadRecordAsync(Id))!.Values["a"]);

        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.StartsWith("Error reading from cache", StringComparison.Ordinal));
        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Error && r.Message.StartsWith("Error saving to cache", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cache_failure_on_exists_is_logged_and_the_durable_store_answers()
    {
        Assert.True(await _durable.Inner.TryCreateAsync(Id, Record(("a", "1"))));
        _cache.FailEverything();

        Assert.True(await _store.ExistsAsync(Id));

        Assert.Contains(_logs.GetSnapshot(), r => r.Message.StartsWith("Error reading from cache", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancelled_cache_read_is_not_mistaken_for_a_cache_failure()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        _cache.Failing.Add("Load");
        _cache.Failure = new OperationCanceledException(cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _store.LoadRecordAsync(Id, cancellation.Token));

        Assert.Empty(_durable.Calls);
        Assert.Empty(_logs.GetSnapshot());
    }

    [Fact]
    public async Task Corrupted_cache_entry_is_logged_and_replaced_by_the_durable_copy()
    {
        var memoryCache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        var cache = new DistributedCacheSessionRecordStore(memoryCache, Options.Create(new DistributedCacheSessionRecordStoreOptions()), _time);
        var store = new CachedSessionRecordStore(cache, _durable, _loggerFactory);
        Assert.True(await store.TryCreateAsync(Id, Record(("a", "1"))));
        await memoryCache.SetAsync(DistributedCacheSessionRecordStoreOptions.DefaultKeyPrefix + Id, "garbage"u8.ToArray(), new DistributedCacheEntryOptions());

        Assert.Equal("1", (await store.LoadRecordAsync(Id))!.Values["a"]);

        Assert.Equal("1", (await cache.LoadRecordAsync(Id))!.Values["a"]);
        var warning = Assert.Single(_logs.GetSnapshot());
        Assert.IsType<SessionDataCorruptedException>(warning.Exception);
    }

    [Fact]
    public async Task Update_result_comes_from_the_durable_store_and_the_cached_copy_is_evicted()
    {
        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"), ("b", "2"))));
        _cache.Journal.Clear();

        Assert.Equal(SessionWriteResult.Written, await _store.UpdateAsync(Id, Update(("a", "10"))));

        Assert.Equal(["durable.Update", "cache.Delete"], _cache.Journal);
        Assert.Null(await _cache.Inner.LoadRecordAsync(Id));
        var reloaded = await _store.LoadRecordAsync(Id);
        Assert.Equal("10", reloaded!.Values["a"]);
        Assert.Equal("2", reloaded.Values["b"]);
        Assert.NotNull(await _cache.Inner.LoadRecordAsync(Id));
    }

    [Fact]
    public async Task Update_that_the_durable_store_finds_deleted_is_not_masked_by_a_stale_cached_copy()
    {
        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"))));
        await _durable.Inner.DeleteAsync(Id);

        Assert.Equal(SessionWriteResult.NotFound, await _store.UpdateAsync(Id, Update(("a", "2"))));

        Assert.Null(await _store.LoadRecordAsync(Id));
        Assert.False(await _store.ExistsAsync(Id));
        Assert.Null(await _durable.Inner.LoadRecordAsync(Id));
    }

    [Fact]
    public async Task Optimistic_conflict_comes_from_the_durable_store_and_evicts_the_stale_copy_so_a_retry_sees_fresh_values()
    {
        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"))));
        Assert.Equal(SessionWriteResult.Written, await _durable.Inner.UpdateAsync(Id, Update(("a", "2"))));

        var stale = Update(("a", "3"));
        var optimistic = new SessionChanges
        {
            Values = stale.Values, Changed = stale.Changed, Removed = stale.Removed, ExpiresAt = stale.ExpiresAt,
            ExpectedValues = new Dictionary<string, string?> { ["a"] = "1" },
        };

        Assert.Equal(SessionWriteResult.Conflict, await _store.UpdateAsync(Id, optimistic));
        Assert.Equal("2", (await _store.LoadRecordAsync(Id))!.Values["a"]);
    }

    [Fact]
    public async Task Cache_failure_evicting_after_an_update_is_logged_and_the_update_stands()
    {
        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"))));
        _cache.Failing.Add("Delete");

        Assert.Equal(SessionWriteResult.Written, await _store.UpdateAsync(Id, Update(("a", "2"))));

        Assert.Equal("2", (await _durable.Inner.LoadRecordAsync(Id))!.Values["a"]);
        var error = Assert.Single(_logs.GetSnapshot());
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.StartsWith("Error saving to cache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cached_copy_is_evicted_even_when_the_durable_update_throws()
    {
        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"))));
        _durable.Failing.Add("Update");

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _store.UpdateAsync(Id, Update(("a", "2"))));

        Assert.Null(await _cache.Inner.LoadRecordAsync(Id));
    }

    [Fact]
    public async Task Delete_removes_the_record_from_the_durable_store_then_the_cache()
    {
        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"))));
        _cache.Journal.Clear();

        await _store.DeleteAsync(Id);

        Assert.Equal(["durable.Delete", "cache.Delete"], _cache.Journal);
        Assert.Null(await _store.LoadRecordAsync(Id));
        Assert.Null(await _cache.Inner.LoadRecordAsync(Id));
    }

    [Fact]
    public async Task Cache_failure_on_delete_is_logged_and_the_durable_delete_stands()
    {
        Assert.True(await _store.TryCreateAsync(Id, Record(("a", "1"))));
        _cache.Failing.Add("Delete");

        await _store.DeleteAsync(Id);

        Assert.Null(await _durable.Inner.LoadRecordAsync(Id));
        var error = Assert.Single(_logs.GetSnapshot());
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.StartsWith("Error deleting from cache", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_expired_returns_the_durable_count_and_clears_the_cache_too()
    {
        Assert.True(await _store.TryCreateAsync(Id, new SessionRecord(new Dictionary<string, string>(), Start.AddSeconds(10))));
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, await _store.ClearExpiredAsync());

        Assert.Equal(0, ((MemorySessionRecordStore)_cache.Inner).Count);
    }

    [Fact]
    public async Task Cache_failure_on_clear_expired_is_logged_and_the_durable_count_returned()
    {
        Assert.True(await _store.TryCreateAsync(Id, new SessionRecord(new Dictionary<string, string>(), Start.AddSeconds(10))));
        _time.Advance(TimeSpan.FromSeconds(10));
        _cache.Failing.Add("ClearExpired");

        Assert.Equal(1, await _store.ClearExpiredAsync());

        Assert.Contains(_logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Exception == _cache.Failure);
    }

    [Fact]
    public void One_store_instance_cannot_be_both_cache_and_durable_store()
    {
        var exception = Assert.Throws<ArgumentException>(() => new CachedSessionRecordStore(_durable, _durable));

        Assert.Contains("same", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _loggerFactory.Dispose();

    private SessionRecord Record(params (string Key, string Json)[] values)
        => new(values.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal), InOneHour);

    private SessionChanges Update(params (string Key, string Json)[] set)
    {
        var changed = set.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal);
        return new SessionChanges { Values = changed, Changed = changed, Removed = [], ExpiresAt = InOneHour };
    }
}
