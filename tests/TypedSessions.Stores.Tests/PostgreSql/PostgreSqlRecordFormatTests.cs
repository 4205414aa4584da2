using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Servers;
using TypedSessions.Stores.Tests.Infrastructure;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>
/// Tables and rows of other layouts: a table from before the metadata columns gains them on first use and its rows
/// keep loading; a row written by a newer version is reported unreadable instead of being read as this one's layout.
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
                "saved_date timestamp with time zone", "user_id text", "format_version integer",
            ],
            await postgres.QueryAsync(
                "SELECT column_name || ' ' || data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", _table));
        Assert.Equal([Id], await postgres.QueryAsync($"SELECT session_key FROM \"{_table}\" WHERE format_version IS NULL AND created_date IS NULL"));
    }

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
