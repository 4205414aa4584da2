using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>docs/sql/postgresql.sql, for those who manage their own schema, creates what the store would.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSchemaScriptTests(PostgreSqlServerFixture postgres)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public async Task Documented_script_creates_the_same_table_and_indexes_as_the_store()
    {
        var scripted = await NewSchemaAsync();
        var created = await NewSchemaAsync();
        await postgres.ExecuteAsync($"SET search_path TO {scripted}; {await File.ReadAllTextAsync(ScriptPath())} RESET search_path;");

        await PostgreSqlTestStores.Create(postgres, _time, o => (o.SchemaName, o.TableName) = (created, "typed_sessions")).ClearExpiredAsync();

        var expected = await DescribeAsync(created);
        Assert.Equal(13, expected.Count); // nine columns and four index or constraint rows
        Assert.Equal(expected, await DescribeAsync(scripted));
    }

    [SkippableFact]
    public async Task Store_works_on_the_scripted_table_without_creating_anything()
    {
        var schema = await NewSchemaAsync();
        await postgres.ExecuteAsync($"SET search_path TO {schema}; {await File.ReadAllTextAsync(ScriptPath())} RESET search_path;");
        var store = PostgreSqlTestStores.Create(postgres, _time, o => (o.SchemaName, o.TableName, o.CreateTableIfMissing) = (schema, "typed_sessions", false));

        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1))));

        var loaded = await store.LoadRecordAsync("id");
        Assert.NotNull(loaded);
        Assert.Equal("1", loaded.Values["a"]);
        Assert.Equal(["1"], await postgres.QueryAsync($"SELECT count(*) FROM {schema}.typed_sessions"));
    }

    private async Task<string> NewSchemaAsync()
    {
        postgres.EnsureAvailable();
        var schema = "schema_" + Guid.NewGuid().ToString("N");
        await postgres.ExecuteAsync($"CREATE SCHEMA {schema}");
        return schema;
    }

    // Columns (type, nullability, collation, default), constraints and index definitions, with the schema name left out.
    private async Task<List<string?>> DescribeAsync(string schema)
    {
        var rows = await postgres.QueryAsync(
            """
            SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' notnull=' || a.attnotnull
                   || ' collation=' || coalesce((SELECT collname FROM pg_collation WHERE oid = a.attcollation), '-')
                   || ' default=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-')
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = to_regclass($1 || '.typed_sessions') AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """,
            schema);
        rows.AddRange(await postgres.QueryAsync(
            "SELECT contype::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass($1 || '.typed_sessions')", schema));
        rows.AddRange(await postgres.QueryAsync(
            "SELECT indexname || ' ' || replace(indexdef, schemaname || '.', '') FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname", schema));
        return rows;
    }

    private static string ScriptPath([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "sql", "postgresql.sql"));
}
