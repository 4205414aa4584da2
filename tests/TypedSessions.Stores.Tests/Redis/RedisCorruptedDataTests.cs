using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>Garbage in a session's hash (damage or tampering) reads as corrupted, which the engine turns into an empty session.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisCorruptedDataTests(RedisServerFixture redis)
{
    private static readonly Dictionary<string, RedisValue> GarbageValues = new(StringComparer.Ordinal)
    {
        ["not json"] = "not json",
        ["unterminated object"] = "{\"unterminated\": ",
        ["unterminated string"] = "\"abc",
        ["two values"] = "1 2",
        ["empty"] = "",
        ["whitespace"] = " \t\n",
        ["invalid utf-8"] = new byte[] { (byte)'"', 0xC3, 0x28, (byte)'"' },
    };

    private readonly FakeTimeProvider _time = TestClock.New();

    public static TheoryData<string> GarbageValueNames => [.. GarbageValues.Keys];

    [SkippableTheory]
    [MemberData(nameof(GarbageValueNames))]
    public async Task A_field_that_is_not_json_is_corrupted_data(string name)
    {
        var store = await CreateAsync();
        await Raw.HashSetAsync(store.KeyFor("id"), "k:a", GarbageValues[name]);

        await Assert.ThrowsAsync<SessionDataCorruptedException>(async () => await store.LoadRecordAsync("id"));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public async Task An_expiry_field_that_is_not_milliseconds_is_corrupted_data(string expires)
    {
        var store = await CreateAsync();
        await Raw.HashSetAsync(store.KeyFor("id"), "m:exp", expires);

        await Assert.ThrowsAsync<SessionDataCorruptedException>(async () => await store.LoadRecordAsync("id"));
        Assert.False(await store.ExistsAsync("id"));
    }

    [SkippableFact]
    public async Task A_hash_without_the_expiry_field_is_corrupted_data()
    {
        var store = await CreateAsync();
        await Raw.HashDeleteAsync(store.KeyFor("id"), "m:exp");

        await Assert.ThrowsAsync<SessionDataCorruptedException>(async () => await store.LoadRecordAsync("id"));
    }

    [SkippableTheory]
    [InlineData("string")]
    [InlineData("list")]
    [InlineData("set")]
    public async Task A_key_of_another_type_is_corrupted_data_for_load_and_no_record_for_the_rest(string type)
    {
        var store = RedisTestStores.Create(redis, _time);
        var key = store.KeyFor("id");
        _ = type switch
        {
            "string" => await Raw.StringSetAsync(key, "x"),
            "list" => await Raw.ListRightPushAsync(key, "x") > 0,
            _ => await Raw.SetAddAsync(key, "x"),
        };

        await Assert.ThrowsAsync<SessionDataCorruptedException>(async () => await store.LoadRecordAsync("id"));
        Assert.False(await store.ExistsAsync("id"));
        Assert.Equal(SessionWriteResult.NotFound, await store.UpdateAsync("id", new SessionChanges
        {
            Values = new Dictionary<string, string> { ["a"] = "1" },
            Changed = new Dictionary<string, string> { ["a"] = "1" },
            Removed = [],
            ExpiresAt = _time.GetUtcNow().AddHours(1),
        }));

        // Not a live record, so a create may take the key over.
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "2" }, _time.GetUtcNow().AddHours(1))));
        Assert.Equal("2", (await store.LoadRecordAsync("id"))!.Values["a"]);
    }

    // A refusal is the server failing, not damage: read as corrupted, it would open an empty session over the record.
    [SkippableFact]
    public async Task A_server_error_other_than_a_wrong_type_fails_the_load_instead_of_reading_as_corrupted()
    {
        var prefix = RedisServerFixture.NewPrefix();
        var store = await CreateAsync(o => o.KeyPrefix = prefix);
        var user = $"no-hgetall-{Guid.NewGuid():N}";
        await redis.Server.ExecuteAsync("ACL", "SETUSER", user, "on", "nopass", "~*", "+@all", "-hgetall");
        try
        {
            await using var refused = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},user={user},password=unused");
            var refusedStore = RedisTestStores.Create(redis, _time, o => o.KeyPrefix = prefix, connection: refused);

            var thrown = await Assert.ThrowsAsync<RedisServerException>(async () => await refusedStore.LoadAsync("id"));

            Assert.StartsWith("NOPERM", thrown.Message, StringComparison.Ordinal);
            Assert.Equal("1", (await store.LoadRecordAsync("id"))!.Values["a"]);
        }
        finally
        {
            await redis.Server.ExecuteAsync("ACL", "DELUSER", user);
        }
    }

    [SkippableFact]
    public async Task A_corrupted_session_opens_empty_and_keyless_with_a_security_warning()
    {
        redis.EnsureAvailable();
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IConnectionMultiplexer>(redis.Multiplexer);
        var prefix = RedisServerFixture.NewPrefix();
        services.AddTypedSessions().AddRedisStore(o => o.KeyPrefix = prefix);
        await using var provider = services.BuildServiceProvider();
        var manager = provider.GetRequiredService<ISessionManager>();
        var session = await manager.OpenAsync(null);
        session.Set("user", 42);
        await session.SaveAsync();
        var key = session.Key!;
        await Raw.HashSetAsync(prefix + ExpectedRecordId.For(key), "k:user", "{ garbage");

        var reopened = await manager.OpenAsync(key);

        Assert.Null(reopened.Key);
        Assert.True(reopened.IsEmpty);
        var warning = Assert.Single(provider.GetFakeLogCollector().GetSnapshot(), r => r.Category == "TypedSessions.Security");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Session data corrupted", warning.Message, StringComparison.Ordinal);
    }

    private IDatabase Raw => redis.Multiplexer.GetDatabase();

    private async Task<TypedSessions.Redis.RedisSessionRecordStore> CreateAsync(Action<TypedSessions.Redis.RedisSessionRecordStoreOptions>? configure = null)
    {
        var store = RedisTestStores.Create(redis, _time, configure);
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1))));
        return store;
    }
}
