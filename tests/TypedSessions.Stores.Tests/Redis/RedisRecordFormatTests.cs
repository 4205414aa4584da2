using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;
using TypedSessions.Stores.Tests.Infrastructure;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// Hashes of other layouts: one from before versioning (session fields and the expiry only) loads as version 1; one
/// written by a newer version is reported unreadable instead of being read as this one's layout.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRecordFormatTests(RedisServerFixture redis)
{
    private readonly FakeTimeProvider _time = TestClock.New();

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    private IDatabase Raw => redis.Multiplexer.GetDatabase();

    [SkippableFact]
    public async Task A_hash_from_before_versioning_with_only_session_fields_and_the_expiry_loads_as_version_one()
    {
        var store = RedisTestStores.Create(redis, _time);
        var key = store.KeyFor("id");
        var expiresAt = InOneHour.AddMilliseconds(250);
        await Raw.HashSetAsync(key, [new("k:count", "3"), new("k:name", "\"Ann\""), new("m:exp", Milliseconds(expiresAt))]);
        await Raw.KeyExpireAsync(key, expiresAt.UtcDateTime);

        var loaded = await store.LoadAsync("id");

        RecordFormatAssert.LoadsAsVersionOneWithoutMetadata(loaded, expiresAt);
    }

    [SkippableFact]
    public async Task A_hash_of_a_newer_format_version_is_unreadable_and_never_written()
    {
        var store = RedisTestStores.Create(redis, _time);
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, InOneHour)));
        await Raw.HashSetAsync(store.KeyFor("id"), "m:ver", SessionRecordFormat.CurrentVersion + 1);

        var loaded = await store.LoadAsync("id");

        RecordFormatAssert.IsUnreadableForItsVersion(loaded, SessionRecordFormat.CurrentVersion + 1);
        await RecordFormatAssert.IsNeverWrittenAsync(store, "id", InOneHour, SessionRecordFormat.CurrentVersion + 1);
    }

    private static string Milliseconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
