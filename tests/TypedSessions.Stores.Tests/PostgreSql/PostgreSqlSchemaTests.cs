using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>The table the store creates on first use: Django's django_session, with jsonb data, an expiry index and a user index.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSchemaTests(PostgreSqlServerFixture postgres)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    [SkippableFact]
    public async Task Table_and_its_expiry_and_user_indexes_are_created_on_first_use_not_before()
    {
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table);
        Assert.Equal([null], await postgres.QueryAsync("SELECT to_regclass($1)::text", _table));

        Assert.False(await store.ExistsAsync("id"));

        Assert.Equal(
            [
                $"{_table}_expire_date|CREATE INDEX {_table}_expire_date ON public.{_table} USING btree (expire_date)",
                $"{_table}_pkey|",
                $"{_table}_user_id|CREATE INDEX {_table}_user_id ON public.{_table} USING btree (user_id, session_key) WHERE (user_id IS NOT NULL)",
            ],
            await postgres.QueryAsync(
                "SELECT indexname || '|' || CASE WHEN indexname LIKE '%_pkey' THEN '' ELSE indexdef END FROM pg_indexes WHERE tablename = $1 ORDER BY indexname",
                _table));
    }

    [SkippableFact]
    public async Task Columns_are_a_text_key_jsonb_data_and_a_timestamptz_expiry_then_nullable_metadata()
    {
        await PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table).ClearExpiredAsync();

        Assert.Equal(
            [
                "session_key text NO C", "session_data jsonb NO -", "expire_date timestamp with time zone NO -",
                "created_date timestamp with time zone YES -", "saved_date timestamp with time zone YES -", "user_id text YES -",
                "format_version integer YES -", "user_agent text YES -", "remote_address text YES -",
            ],
            await postgres.QueryAsync(
                "SELECT column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(collation_name, '-') " +
                "FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position",
                _table));
        Assert.Equal(
            ["PRIMARY KEY (session_key)"],
            await postgres.QueryAsync("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass($1)", _table));
    }

    [SkippableFact]
    public async Task Concurrent_first_calls_from_several_stores_create_the_table_once_without_failing()
    {
        // Separate stores stand for separate app instances starting together: each runs its own first-use check.
        var stores = Enumerable.Range(0, 4).Select(_ => PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table)).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
            await stores[i % stores.Count].TryCreateAsync($"id{i}", new SessionRecord(new Dictionary<string, string>(), _time.GetUtcNow().AddHours(1))))));

        Assert.All(results, Assert.True);
        Assert.Equal(["20"], await postgres.QueryAsync($"SELECT count(*) FROM \"{_table}\""));
    }

    [SkippableFact]
    public async Task Configured_schema_holds_the_table_and_its_indexes()
    {
        var schema = "schema_" + Guid.NewGuid().ToString("N");
        postgres.EnsureAvailable();
        await postgres.ExecuteAsync($"CREATE SCHEMA {schema}");
        var store = PostgreSqlTestStores.Create(postgres, _time, o => (o.SchemaName, o.TableName) = (schema, _table));

        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1))));

        Assert.Equal([schema], await postgres.QueryAsync("SELECT schemaname FROM pg_tables WHERE tablename = $1", _table));
        Assert.Equal([schema, schema, schema], await postgres.QueryAsync("SELECT schemaname FROM pg_indexes WHERE tablename = $1", _table));
        Assert.Equal(["1"], await postgres.QueryAsync($"SELECT count(*) FROM {schema}.\"{_table}\""));
    }

    [SkippableFact]
    public async Task Without_create_table_if_missing_the_store_runs_no_ddl()
    {
        var store = PostgreSqlTestStores.Create(postgres, _time, o => (o.TableName, o.CreateTableIfMissing) = (_table, false));

        var exception = await Assert.ThrowsAsync<PostgresException>(async () => await store.ExistsAsync("id"));

        Assert.Equal(PostgresErrorCodes.UndefinedTable, exception.SqlState);
        Assert.Equal([null], await postgres.QueryAsync("SELECT to_regclass($1)::text", _table));
    }

    [SkippableFact]
    public async Task A_user_who_may_not_create_tables_uses_an_existing_table()
    {
        await PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table).ClearExpiredAsync();
        var role = "app_" + Guid.NewGuid().ToString("N");
        await postgres.ExecuteAsync($"CREATE ROLE {role} LOGIN");
        await postgres.ExecuteAsync($"GRANT SELECT, INSERT, UPDATE, DELETE ON \"{_table}\" TO {role}");
        Assert.Equal(["False"], await postgres.QueryAsync("SELECT has_schema_privilege($1, 'public', 'CREATE')", role));
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Username = role }.ConnectionString);
        var store = new PostgreSqlSessionRecordStore(dataSource, Options.Create(new PostgreSqlSessionRecordStoreOptions { TableName = _table }), _time);

        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1))));

        Assert.NotNull(await store.LoadRecordAsync("id"));
    }
}
