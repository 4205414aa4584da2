using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Sqlite;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>The table the SQLite store makes: Django's <c>django_session</c> shape, created lazily.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Constructing_the_store_touches_no_database()
    {
        _database.CreateStore(_time);

        Assert.False(File.Exists(_database.FilePath));
    }

    [Fact]
    public async Task Table_and_its_expiry_and_user_indexes_are_created_on_first_use()
    {
        var store = _database.CreateStore(_time);

        Assert.False(await store.ExistsAsync("unknown"));

        using var connection = _database.OpenRaw();
        Assert.Equal(["typed_sessions"], connection.Strings("SELECT name FROM sqlite_master WHERE type = 'table'"));
        Assert.Equal(
            ["typed_sessions_expire_date|typed_sessions", "typed_sessions_user_id|typed_sessions"],
            connection.Strings("SELECT name || '|' || tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"));
        Assert.Equal(["expire_date"], connection.Strings("SELECT name FROM pragma_index_info('typed_sessions_expire_date')"));
        Assert.Equal(["user_id", "session_key"], connection.Strings("SELECT name FROM pragma_index_info('typed_sessions_user_id') ORDER BY seqno"));
        Assert.Equal(["1"], connection.Strings("SELECT partial FROM pragma_index_list('typed_sessions') WHERE name = 'typed_sessions_user_id'"));
    }

    [Fact]
    public async Task Columns_are_key_data_and_expiry_as_in_django_session_then_nullable_metadata()
    {
        await _database.CreateStore(_time).ClearExpiredAsync();

        using var connection = _database.OpenRaw();
        Assert.Equal(
            [
                "session_key TEXT notnull=1 pk=1", "session_data TEXT notnull=1 pk=0", "expire_date INTEGER notnull=1 pk=0",
                "created_date INTEGER notnull=0 pk=0", "saved_date INTEGER notnull=0 pk=0", "user_id TEXT notnull=0 pk=0",
                "format_version INTEGER notnull=0 pk=0", "user_agent TEXT notnull=0 pk=0", "remote_address TEXT notnull=0 pk=0",
            ],
            connection.Strings("SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' pk=' || pk FROM pragma_table_info('typed_sessions') ORDER BY cid"));
    }

    [Fact]
    public async Task Database_runs_in_wal_mode()
    {
        await _database.CreateStore(_time).ClearExpiredAsync();

        using var connection = _database.OpenRaw();
        Assert.Equal(["wal"], connection.Strings("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Concurrent_first_calls_create_the_table_once_without_failing()
    {
        var store = _database.CreateStore(_time);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
            await store.TryCreateAsync($"id{i}", new SessionRecord(new Dictionary<string, string>(), _time.GetUtcNow().AddHours(1))))));

        Assert.All(results, Assert.True);
        using var connection = _database.OpenRaw();
        Assert.Equal(["20"], connection.Strings("SELECT count(*) FROM typed_sessions"));
    }

    [Fact]
    public async Task Configured_table_name_is_used_for_table_and_indexes()
    {
        using var services = SqliteTestHost.Build(_database, _time, o => o.TableName = "app_sessions");
        var manager = services.GetRequiredService<ISessionManager>();

        var session = await manager.OpenAsync(null);
        session.Set("user", 42);
        await session.SaveAsync();

        using var connection = _database.OpenRaw();
        Assert.Equal(["app_sessions"], connection.Strings("SELECT name FROM sqlite_master WHERE type = 'table'"));
        Assert.Equal(
            ["app_sessions_expire_date", "app_sessions_user_id"],
            connection.Strings("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"));
        Assert.Equal(["1"], connection.Strings("SELECT count(*) FROM app_sessions"));
    }

    [Fact]
    public async Task Rows_hold_the_record_id_a_json_object_and_unix_milliseconds()
    {
        var store = _database.CreateStore(_time);
        var expiresAt = new DateTimeOffset(2030, 1, 15, 8, 30, 0, 123, TimeSpan.Zero);

        await store.TryCreateAsync("record-id", new SessionRecord(new Dictionary<string, string> { ["count"] = "3", ["name"] = "\"Ann\"" }, expiresAt));

        using var connection = _database.OpenRaw();
        Assert.Equal(
            ["record-id|{\"count\":3,\"name\":\"Ann\"}|" + expiresAt.ToUnixTimeMilliseconds()],
            connection.Strings("SELECT session_key || '|' || session_data || '|' || expire_date FROM typed_sessions"));
        Assert.Equal(["integer"], connection.Strings("SELECT typeof(expire_date) FROM typed_sessions"));
    }

    public void Dispose() => _database.Dispose();
}
