using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Servers;
using TypedSessions.Stores.Tests.Infrastructure;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>
/// Tables and rows of other layouts: a table from before the metadata columns, or from before the user index, gains
/// them on first use and its rows keep loading; a row written by a newer version is reported unreadable instead of being
/// read as this one's layout.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRecordFormatTests(PostgreSqlServerFixture postgres)
{
    private const string Id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    [SkippableFact]
    public async Task A_table_from_before_the_metadata_columns_gains_them_and_its_rows_load_as_version_one()
    {
        postgres.EnsureAvailable();
        var expiresAt = InOneHour.AddMilliseconds(250);
        await postgres.ExecuteAsync($"CREATE TABLE \"{_table}\" (session_key text PRIMARY KEY, session_data jsonb NOT NULL, expire_date timestamptz NOT NULL)");
        await postgres.ExecuteAsync($"INSERT INTO \"{_table}\" VALUES ($1, $2::jsonb, $3)", Id, """{"count":3,"name":"Ann"}""", expiresAt);
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table);

        var loaded = await store.LoadAsync(Id);

        RecordFormatAssert.LoadsAsVersionOneWithoutMetadata(loaded, expiresAt);
        Assert.Equal(
            [
                "session_key text", "session_data jsonb", "expire_date timestamp with time zone", "created_date timestamp with time zone",
                "saved_date timestamp with time zone", "user_id text", "format_version integer", "user_agent text", "remote_address text",
            ],
            await postgres.QueryAsync(
                "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", _table));
        Assert.Equal([Id], await postgres.QueryAsync($"SELECT session_key FROM \"{_table}\" WHERE format_version IS NULL AND created_date IS NULL"));
        Assert.Equal([$"{_table}_pkey", $"{_table}_user_id"], await IndexesAsync());
    }

    [SkippableFact]
    public async Task A_table_of_the_previous_version_gains_the_origin_columns_and_the_user_index_and_its_users_sessions_are_listed()
    {
        const string Anonymous = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
        postgres.EnsureAvailable();
        var created = _time.GetUtcNow().AddMinutes(-10);
        await CreatePreviousVersionTableAsync();
        await postgres.ExecuteAsync(
            $"INSERT INTO \"{_table}\" VALUES ($1, '{{\"a\": 1}}', $3, $4, $4, 'alice', 1), ($2, '{{}}', $3, $4, $4, NULL, 1)", Id, Anonymous, InOneHour, created);
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table, loggerFactory);

        var loaded = await store.LoadRecordAsync(Id);

        Assert.NotNull(loaded);
        Assert.Equal(("alice", null, null), (loaded.UserId, loaded.UserAgent, loaded.RemoteAddress));
        var listed = new List<SessionInfo>();
        await foreach (var info in store.ListUserSessionsAsync("alice"))
        {
            listed.Add(info);
        }

        var only = Assert.Single(listed);
        Assert.Equal((Id, created.ToUnixTimeMilliseconds(), 8L), (only.RecordId, only.CreatedAt?.ToUnixTimeMilliseconds(), only.SizeInBytes));
        Assert.Equal(
            [
                "session_key text", "session_data jsonb", "expire_date timestamp with time zone", "created_date timestamp with time zone",
                "saved_date timestamp with time zone", "user_id text", "format_version integer", "user_agent text", "remote_address text",
            ],
            await postgres.QueryAsync(
                "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", _table));
        Assert.Equal([$"{_table}_expire_date", $"{_table}_pkey", $"{_table}_user_id"], await IndexesAsync());
        Assert.Equal([Id, Anonymous], await postgres.QueryAsync($"SELECT session_key FROM \"{_table}\" ORDER BY session_key"));
        Assert.Equal(
            ["MetadataColumnsAdded", "UserIndexCreated"],
            logs.GetSnapshot().Where(r => r.Category == "TypedSessions.PostgreSql" && r.Level == LogLevel.Information).Select(r => r.Id.Name));
        Assert.Equal(new SessionRevokeResult(true, "alice"), await store.RevokeAsync(Id));
    }

    [SkippableFact]
    public async Task A_table_without_the_user_index_that_the_store_may_not_change_still_works_and_a_warning_says_what_to_run()
    {
        postgres.EnsureAvailable();
        await CreatePreviousVersionTableAsync();
        await postgres.ExecuteAsync($"ALTER TABLE \"{_table}\" ADD COLUMN user_agent text NULL, ADD COLUMN remote_address text NULL");
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        var store = PostgreSqlTestStores.Create(postgres, _time, o => (o.TableName, o.CreateTableIfMissing) = (_table, false), loggerFactory);

        Assert.True(await store.TryCreateAsync(Id, new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, InOneHour) { UserId = "alice" }));

        await foreach (var info in store.ListUserSessionsAsync("alice"))
        {
            Assert.Equal(Id, info.RecordId);
        }

        Assert.Equal([$"{_table}_expire_date", $"{_table}_pkey"], await IndexesAsync());
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "UserIndexMissing");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("docs/sql/postgresql.sql", warning.Message, StringComparison.Ordinal);
    }

    // The previous version's schema: the metadata columns up to format_version and the expiry index, no user index.
    private async Task CreatePreviousVersionTableAsync()
    {
        await postgres.ExecuteAsync(
            $"""
            CREATE TABLE "{_table}" (session_key text COLLATE "C" PRIMARY KEY, session_data jsonb NOT NULL, expire_date timestamptz NOT NULL,
                created_date timestamptz NULL, saved_date timestamptz NULL, user_id text NULL, format_version integer NULL)
            """);
        await postgres.ExecuteAsync($"CREATE INDEX \"{_table}_expire_date\" ON \"{_table}\" (expire_date)");
    }

    private Task<List<string?>> IndexesAsync() => postgres.QueryAsync("SELECT indexname FROM pg_indexes WHERE tablename = $1 ORDER BY indexname", _table);

    [SkippableFact]
    public async Task A_row_from_before_the_metadata_columns_can_be_updated_and_touched()
    {
        postgres.EnsureAvailable();
        await postgres.ExecuteAsync($"CREATE TABLE \"{_table}\" (session_key text PRIMARY KEY, session_data jsonb NOT NULL, expire_date timestamptz NOT NULL)");
        await postgres.ExecuteAsync($"INSERT INTO \"{_table}\" VALUES ($1, $2::jsonb, $3)", Id, """{"count":3}""", InOneHour);
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table);
        await RecordFormatAssert.CanBeUpdatedAndTouchedAsync(store, Id, InOneHour, _time.GetUtcNow());
    }

    [SkippableFact]
    public async Task A_row_of_a_newer_format_version_loads_as_unreadable_and_is_never_written()
    {
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table);
        Assert.True(await store.TryCreateAsync(Id, new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, InOneHour)));
        Assert.Equal(1, await postgres.ExecuteAsync($"UPDATE \"{_table}\" SET format_version = $1", SessionRecordFormat.CurrentVersion + 1));

        var loaded = await store.LoadAsync(Id);

        RecordFormatAssert.IsUnreadableForItsVersion(loaded, SessionRecordFormat.CurrentVersion + 1);
        await RecordFormatAssert.IsNeverWrittenAsync(store, Id, InOneHour, SessionRecordFormat.CurrentVersion + 1);
    }

    [SkippableFact]
    public async Task A_table_from_before_the_metadata_columns_that_the_store_may_not_change_fails_with_what_to_run()
    {
        postgres.EnsureAvailable();
        await postgres.ExecuteAsync($"CREATE TABLE \"{_table}\" (session_key text PRIMARY KEY, session_data jsonb NOT NULL, expire_date timestamptz NOT NULL)");
        var store = PostgreSqlTestStores.Create(postgres, _time, o => (o.TableName, o.CreateTableIfMissing) = (_table, false));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await store.LoadAsync(Id));

        Assert.Contains("docs/sql/postgresql.sql", error.Message);
        Assert.Contains("created_date, saved_date, user_id, format_version", error.Message);
        Assert.Equal(["0"], await postgres.QueryAsync($"SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'created_date'", _table));
    }
}
