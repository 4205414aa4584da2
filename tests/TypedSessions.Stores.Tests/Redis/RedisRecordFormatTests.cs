using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// Hashes of other layouts: one from before versioning (session fields and the expiry only) loads as version 1; one
/// written by a newer version is reported unreadable instead of being read as this one's layout.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRecordFormatTests(RedisServerFixture redis)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

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

        Assert.True(loaded.IsFound, loaded.Problem);
        var record = loaded.Record!;
        Assert.Equal(new Dictionary<string, string> { ["count"] = "3", ["name"] = "\"Ann\"" }, record.Values);
        Assert.Equal(expiresAt, record.ExpiresAt);
        Assert.Null(record.CreatedAt);
        Assert.Null(record.LastSavedAt);
        Assert.Null(record.UserId);
        Assert.Equal(1, record.FormatVersion);
    }

    [SkippableFact]
    public async Task A_hash_of_a_newer_format_version_is_unreadable()
    {
        var store = RedisTestStores.Create(redis, _time);
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, InOneHour)));
        await Raw.HashSetAsync(store.KeyFor("id"), "m:ver", SessionRecordFormat.CurrentVersion + 1);

        var loaded = await store.LoadAsync("id");

        Assert.True(loaded.IsUnreadable);
        Assert.Null(loaded.Record);
        Assert.Equal(SessionRecordFormat.UnreadableVersion(SessionRecordFormat.CurrentVersion + 1), loaded.Problem);
    }

    private static string Milliseconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
}
