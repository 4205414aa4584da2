using Microsoft.Extensions.Time.Testing;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>
/// SQLite keeps any value in any column, so a time column may hold text, a blob, a real or a number past year 9999, and
/// a text column a number or a blob. Such a row loads as unreadable (an empty session, never a failed request) and stays
/// until a purge, which deletes every row whose expiry it cannot read as it deletes expired ones. A real within range is
/// a time, rounded down to the millisecond.
/// </summary>
public sealed class SqliteUnreadableColumnTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    // The text columns get blobs: they have TEXT affinity, so SQLite turns a number written to them into text.
    public static TheoryData<string, string> UnreadableValues => new()
    {
        { "expire_date", "9223372036854775807" },
        { "expire_date", "253402300800000" }, // one millisecond past 9999-12-31T23:59:59.999Z
        { "expire_date", "'abc'" },
        { "expire_date", "X'00'" },
        { "expire_date", "1e300" },
        { "expire_date", "9e999" }, // infinity
        { "expire_date", "253402300799999.5" }, // a real half a millisecond past the latest time
        { "created_date", "-62135596800000.5" }, // a real half a millisecond before the earliest time
        { "created_date", "9223372036854775807" },
        { "created_date", "'abc'" },
        { "saved_date", "-9223372036854775808" },
        { "saved_date", "X'01'" },
        { "session_data", "X'7B7D'" },
        { "user_id", "X'61'" },
        { "user_agent", "X'02'" },
        { "remote_address", "X'33'" },
    };

    [Theory]
    [MemberData(nameof(UnreadableValues))]
    public async Task A_row_with_an_unreadable_column_loads_as_unreadable_and_is_kept(string column, string sqlValue)
    {
        var store = _database.CreateStore(_time);
        await CreateAsync(store, "id", _time.GetUtcNow().AddHours(1));
        SetColumn("id", column, sqlValue);

        var loaded = await store.LoadAsync("id");

        Assert.True(loaded.IsUnreadable, $"{column} = {sqlValue} loaded as {(loaded.IsFound ? "found" : "not found")}");
        Assert.Contains(column, loaded.Problem, StringComparison.Ordinal);
        Assert.Equal(["id"], SessionKeys());
    }

    // 2030-01-01T01:00Z and 2030-01-01T00:00Z with fractions of a millisecond: a real without one is stored as an
    // integer, as these columns have INTEGER affinity.
    public static TheoryData<string, string, long> RealTimes => new()
    {
        { "expire_date", "1893459600000.9", 1_893_459_600_000 },
        { "created_date", "1893456000000.5", 1_893_456_000_000 },
        { "saved_date", "1893456000000.25", 1_893_456_000_000 },
    };

    [Theory]
    [MemberData(nameof(RealTimes))]
    public async Task A_time_stored_as_a_real_loads_rounded_down_to_the_millisecond(string column, string sqlValue, long milliseconds)
    {
        var store = _database.CreateStore(_time);
        await CreateAsync(store, "id", _time.GetUtcNow().AddHours(2));
        SetColumn("id", column, sqlValue);

        var loaded = await store.LoadRecordAsync("id");

        Assert.NotNull(loaded);
        var read = column switch
        {
            "expire_date" => loaded.ExpiresAt,
            "created_date" => loaded.CreatedAt,
            _ => loaded.LastSavedAt,
        };
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), read);
    }

    [Fact]
    public async Task The_latest_readable_expiry_loads()
    {
        var store = _database.CreateStore(_time);
        await CreateAsync(store, "id", _time.GetUtcNow().AddHours(1));
        SetColumn("id", "expire_date", SessionRecordTime.MaxUnixMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var loaded = await store.LoadRecordAsync("id");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(SessionRecordTime.MaxUnixMilliseconds), loaded?.ExpiresAt);
    }

    [Fact]
    public async Task Clear_expired_deletes_every_row_whose_expiry_is_unreadable_and_keeps_the_live_ones()
    {
        var store = _database.CreateStore(_time);
        var inOneHour = _time.GetUtcNow().AddHours(1);
        await CreateAsync(store, "live", inOneHour);
        await CreateAsync(store, "expired", _time.GetUtcNow().AddHours(-1));
        await CreateAsync(store, "unreadable-created", inOneHour);
        SetColumn("unreadable-created", "created_date", "'abc'");
        var unreadableExpiries = new[] { "'abc'", "X'00'", "1e300", "9223372036854775807", "253402300800000" };
        for (var i = 0; i < unreadableExpiries.Length; i++)
        {
            await CreateAsync(store, $"unreadable-{i}", inOneHour);
            SetColumn($"unreadable-{i}", "expire_date", unreadableExpiries[i]);
        }

        Assert.Equal(1 + unreadableExpiries.Length, await store.ClearExpiredAsync());

        // A row whose expiry reads is kept until it expires, whatever else is wrong with it.
        Assert.Equal(["live", "unreadable-created"], SessionKeys());
    }

    [Fact]
    public async Task A_row_whose_expiry_is_unreadable_is_no_live_record_to_update()
    {
        var store = _database.CreateStore(_time);
        await CreateAsync(store, "id", _time.GetUtcNow().AddHours(1));
        SetColumn("id", "expire_date", "'abc'");

        var result = await store.UpdateAsync("id", new SessionChanges
        {
            Values = new Dictionary<string, string> { ["a"] = "2" },
            Changed = new Dictionary<string, string> { ["a"] = "2" },
            Removed = [],
            ExpiresAt = _time.GetUtcNow().AddHours(1),
        });

        Assert.Equal(SessionWriteResult.NotFound, result);
        using var connection = _database.OpenRaw();
        Assert.Equal(["abc"], connection.Strings("SELECT expire_date FROM typed_sessions"));
    }

    public void Dispose() => _database.Dispose();

    private static async Task CreateAsync(ISessionRecordStore store, string id, DateTimeOffset expiresAt)
        => Assert.True(await store.TryCreateAsync(id, new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, expiresAt) { CreatedAt = expiresAt.AddHours(-2) }));

    private List<string> SessionKeys()
    {
        using var connection = _database.OpenRaw();
        return connection.Strings("SELECT session_key FROM typed_sessions ORDER BY session_key");
    }

    // The value is SQL text (a literal), so that its storage class is exactly what the test names.
    private void SetColumn(string id, string column, string sqlValue)
    {
        using var connection = _database.OpenRaw();
        Assert.Equal(1, connection.Execute($"UPDATE typed_sessions SET {column} = {sqlValue} WHERE session_key = $id", ("$id", id)));
    }
}
