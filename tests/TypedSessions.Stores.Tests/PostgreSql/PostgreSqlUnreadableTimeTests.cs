using Microsoft.Extensions.Time.Testing;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>
/// <c>timestamptz</c> holds more than a <see cref="DateTimeOffset"/> can: <c>infinity</c>, <c>-infinity</c>, years before
/// 1 and after 9999. A row with such a time loads as unreadable (an empty session, never a failed request), and the
/// purge deletes a row whose expiry no load can read as it deletes an expired one.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlUnreadableTimeTests(PostgreSqlServerFixture postgres)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private string _table = "";

    public static TheoryData<string, string> UnreadableTimes => new()
    {
        { "expire_date", "infinity" },
        { "expire_date", "20000-01-01 00:00:00+00" },
        { "expire_date", "10000-01-01 00:00:00+00" },
        { "created_date", "4713-01-01 00:00:00+00 BC" },
        { "created_date", "-infinity" },
        { "created_date", "infinity" },
        { "saved_date", "200000-01-01 00:00:00+00" },
        { "saved_date", "-infinity" },
    };

    [SkippableTheory]
    [MemberData(nameof(UnreadableTimes))]
    public async Task A_row_with_an_unreadable_time_loads_as_unreadable_and_is_kept(string column, string value)
    {
        var store = await CreateAsync("id", _time.GetUtcNow().AddHours(1));
        await SetColumnAsync("id", column, value);

        var loaded = await store.LoadAsync("id");

        Assert.True(loaded.IsUnreadable, $"{column} = {value} loaded as {(loaded.IsFound ? "found" : "not found")}");
        Assert.Contains(column, loaded.Problem, StringComparison.Ordinal);
        Assert.Equal(["1"], await postgres.QueryAsync($"SELECT count(*) FROM \"{_table}\""));
    }

    [SkippableFact]
    public async Task The_earliest_and_latest_times_PostgreSQL_and_dotnet_share_load()
    {
        var store = await CreateAsync("id", _time.GetUtcNow().AddHours(1));
        await SetColumnAsync("id", "expire_date", "9999-12-31 23:59:59.999999+00");
        await SetColumnAsync("id", "created_date", "0001-01-01 00:00:00+00");

        var loaded = await store.LoadRecordAsync("id");

        Assert.Equal(DateTimeOffset.MaxValue.AddTicks(-9), loaded?.ExpiresAt);
        Assert.Equal(DateTimeOffset.MinValue, loaded?.CreatedAt);
    }

    [SkippableFact]
    public async Task Clear_expired_deletes_every_row_whose_expiry_is_unreadable_and_keeps_the_live_ones()
    {
        var inOneHour = _time.GetUtcNow().AddHours(1);
        var store = await CreateAsync("live", inOneHour);
        Assert.True(await store.TryCreateAsync("unreadable-created", Record(inOneHour)));
        await SetColumnAsync("unreadable-created", "created_date", "infinity");
        Assert.True(await store.TryCreateAsync("latest", Record(inOneHour)));
        await SetColumnAsync("latest", "expire_date", "9999-12-31 23:59:59.999999+00");
        var unreadableExpiries = new[] { "infinity", "10000-01-01 00:00:00+00", "294276-12-31 23:59:59+00" };
        for (var i = 0; i < unreadableExpiries.Length; i++)
        {
            Assert.True(await store.TryCreateAsync($"unreadable-{i}", Record(inOneHour)));
            await SetColumnAsync($"unreadable-{i}", "expire_date", unreadableExpiries[i]);
        }

        Assert.Equal(unreadableExpiries.Length, await store.ClearExpiredAsync());

        Assert.Equal(
            new[] { "latest", "live", "unreadable-created" }.Select(StoredRecordId.From).Order(StringComparer.Ordinal),
            (await postgres.QueryAsync($"SELECT session_key FROM \"{_table}\"")).Order(StringComparer.Ordinal));
    }

    private static SessionRecord Record(DateTimeOffset expiresAt)
        => new(new Dictionary<string, string> { ["a"] = "1" }, expiresAt) { CreatedAt = expiresAt.AddHours(-2), LastSavedAt = expiresAt.AddHours(-2) };

    private async Task<PostgreSqlSessionRecordStore> CreateAsync(string id, DateTimeOffset expiresAt)
    {
        var store = PostgreSqlTestStores.Create(postgres, _time, o => _table = o.TableName);
        Assert.True(await store.TryCreateAsync(id, Record(expiresAt)));
        return store;
    }

    private async Task SetColumnAsync(string id, string column, string value)
        => Assert.Equal(1, await postgres.ExecuteAsync(
            $"UPDATE \"{_table}\" SET {column} = $1::timestamptz WHERE session_key = $2", value, StoredRecordId.From(id)));
}
