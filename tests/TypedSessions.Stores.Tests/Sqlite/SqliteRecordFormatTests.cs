using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Infrastructure;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>
/// Tables and rows of other layouts: a table from before the metadata columns, or from before the user index, keeps
/// working and gains them; a row written by a newer version is reported unreadable instead of being read as this one's
/// layout.
/// </summary>
public sealed class SqliteRecordFormatTests : IDisposable
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    [Fact]
    public async Task A_table_from_before_the_metadata_columns_gains_them_and_its_rows_load_as_version_one()
    {
        var expiresAt = InOneHour.AddMilliseconds(250);
        using (var connection = _database.OpenRaw())
        {
            connection.Execute("CREATE TABLE typed_sessions (session_key TEXT NOT NULL PRIMARY KEY, session_data TEXT NOT NULL, expire_date INTEGER NOT NULL)");
            connection.Execute(
                "INSERT INTO typed_sessions VALUES ($id, $data, $expires)",
                ("$id", Id), ("$data", """{"count":3,"name":"Ann"}"""), ("$expires", expiresAt.ToUnixTimeMilliseconds()));
        }

        var store = _database.CreateStore(_time);
        var loaded = await store.LoadAsync(Id);

        RecordFormatAssert.LoadsAsVersionOneWithoutMetadata(loaded, expiresAt);

        using var inspect = _database.OpenRaw();
        Assert.Equal(
            ["session_key", "session_data", "expire_date", "created_date", "saved_date", "user_id", "format_version", "user_agent", "remote_address"],
            inspect.Strings("SELECT name FROM pragma_table_info('typed_sessions') ORDER BY cid"));
        Assert.Equal([Id], inspect.Strings("SELECT session_key FROM typed_sessions WHERE format_version IS NULL AND created_date IS NULL"));
        Assert.Equal(["user_id", "session_key"], inspect.Strings("SELECT name FROM pragma_index_info('typed_sessions_user_id') ORDER BY seqno"));
    }

    [Fact]
    public async Task A_table_of_the_previous_version_gains_the_origin_columns_and_the_user_index_and_its_users_sessions_are_listed()
    {
        const string Anonymous = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
        var created = _time.GetUtcNow().AddMinutes(-10);
        using (var connection = _database.OpenRaw())
        {
            // The previous version's schema: the metadata columns up to format_version, the expiry index, no user index.
            connection.Execute(
                """
                CREATE TABLE typed_sessions (session_key TEXT NOT NULL PRIMARY KEY, session_data TEXT NOT NULL, expire_date INTEGER NOT NULL,
                    created_date INTEGER NULL, saved_date INTEGER NULL, user_id TEXT NULL, format_version INTEGER NULL);
                CREATE INDEX typed_sessions_expire_date ON typed_sessions (expire_date);
                """);
            connection.Execute(
                "INSERT INTO typed_sessions VALUES ($id, '{\"a\":1}', $expires, $created, $created, 'alice', 1), ($anonymous, '{}', $expires, $created, $created, NULL, 1)",
                ("$id", Id), ("$anonymous", Anonymous), ("$expires", InOneHour.ToUnixTimeMilliseconds()), ("$created", created.ToUnixTimeMilliseconds()));
        }

        var store = _database.CreateStore(_time);
        var loaded = await store.LoadRecordAsync(Id);

        Assert.NotNull(loaded);
        Assert.Equal(("alice", null, null), (loaded.UserId, loaded.UserAgent, loaded.RemoteAddress));
        var listed = new List<SessionInfo>();
        await foreach (var info in store.ListUserSessionsAsync("alice"))
        {
            listed.Add(info);
        }

        var only = Assert.Single(listed);
        Assert.Equal((Id, created.ToUnixTimeMilliseconds(), 7L), (only.RecordId, only.CreatedAt?.ToUnixTimeMilliseconds(), only.SizeInBytes));
        using var inspect = _database.OpenRaw();
        Assert.Equal(
            ["session_key", "session_data", "expire_date", "created_date", "saved_date", "user_id", "format_version", "user_agent", "remote_address"],
            inspect.Strings("SELECT name FROM pragma_table_info('typed_sessions') ORDER BY cid"));
        Assert.Equal(["typed_sessions_expire_date", "typed_sessions_user_id"], inspect.Strings("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"));
        Assert.Equal([Id, Anonymous], inspect.Strings("SELECT session_key FROM typed_sessions ORDER BY session_key"));
        Assert.Equal(new SessionRevokeResult(true, "alice"), await store.RevokeAsync(Id));
    }

    [Fact]
    public async Task A_row_from_before_the_metadata_columns_can_be_updated_and_touched()
    {
        using (var connection = _database.OpenRaw())
        {
            connection.Execute("CREATE TABLE typed_sessions (session_key TEXT NOT NULL PRIMARY KEY, session_data TEXT NOT NULL, expire_date INTEGER NOT NULL)");
            connection.Execute(
                "INSERT INTO typed_sessions VALUES ($id, $data, $expires)",
                ("$id", Id), ("$data", """{"count":3}"""), ("$expires", InOneHour.ToUnixTimeMilliseconds()));
        }

        var store = _database.CreateStore(_time);
        await RecordFormatAssert.CanBeUpdatedAndTouchedAsync(store, Id, InOneHour, _time.GetUtcNow());
    }

    [Fact]
    public async Task A_row_of_a_newer_format_version_loads_as_unreadable_and_is_never_written()
    {
        var store = _database.CreateStore(_time);
        Assert.True(await store.TryCreateAsync(Id, new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, InOneHour)));
        using (var connection = _database.OpenRaw())
        {
            Assert.Equal(1, connection.Execute("UPDATE typed_sessions SET format_version = $version", ("$version", SessionRecordFormat.CurrentVersion + 1)));
        }

        var loaded = await store.LoadAsync(Id);

        RecordFormatAssert.IsUnreadableForItsVersion(loaded, SessionRecordFormat.CurrentVersion + 1);
        await RecordFormatAssert.IsNeverWrittenAsync(store, Id, InOneHour, SessionRecordFormat.CurrentVersion + 1);
    }

    public void Dispose() => _database.Dispose();
}
