using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>docs/sql/sqlite.sql, the SQLite schema for reference, creates what the store would.</summary>
public sealed partial class SqliteSchemaScriptTests : IDisposable
{
    private readonly TempSqliteDatabase _scripted = new();
    private readonly TempSqliteDatabase _created = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Documented_script_creates_the_same_table_and_indexes_as_the_store()
    {
        using (var connection = _scripted.OpenRaw())
        {
            connection.Execute(await File.ReadAllTextAsync(ScriptPath()));
        }

        await _created.CreateStore(_time).ClearExpiredAsync();

        using var created = _created.OpenRaw();
        using var scripted = _scripted.OpenRaw();
        var expected = Describe(created);
        Assert.Equal(12, expected.Count); // nine columns and three indexes, the key's own among them
        Assert.Equal(expected, Describe(scripted));
    }

    [Fact]
    public async Task Store_works_on_the_scripted_table()
    {
        using (var connection = _scripted.OpenRaw())
        {
            connection.Execute(await File.ReadAllTextAsync(ScriptPath()));
        }

        var store = _scripted.CreateStore(_time);

        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1)) { UserId = "alice" }));

        Assert.Equal("1", (await store.LoadRecordAsync("id"))?.Values["a"]);
        Assert.Equal(["id"], (await store.ListUserSessionsAsync("alice").ToListAsync()).Select(info => info.RecordId));
    }

    public void Dispose()
    {
        _scripted.Dispose();
        _created.Dispose();
    }

    // Columns (type, nullability, default, key), then each index with its columns and its SQL, quotes and spacing aside.
    private static List<string> Describe(SqliteConnection connection)
    {
        var rows = connection.Strings(
            "SELECT name || ' ' || type || ' notnull=' || \"notnull\" || ' default=' || coalesce(dflt_value, '-') || ' pk=' || pk FROM pragma_table_info('typed_sessions') ORDER BY cid");
        rows.AddRange(connection.Strings(
            """
            SELECT il.name || ' unique=' || il."unique" || ' partial=' || il.partial || ' (' || (SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_index_info(il.name) ORDER BY seqno)) || ') '
                   || coalesce((SELECT sql FROM sqlite_master WHERE type = 'index' AND name = il.name), '-')
            FROM pragma_index_list('typed_sessions') AS il ORDER BY il.name
            """).Select(row => Spacing().Replace(row.Replace("\"", "", StringComparison.Ordinal), " ")));
        return rows;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spacing();

    private static string ScriptPath([CallerFilePath] string thisFile = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "docs", "sql", "sqlite.sql"));
}
