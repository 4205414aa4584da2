using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>A save is one UPDATE that merges the changed keys into the row as it is now, never a rewrite of the session.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlMergeTests(PostgreSqlServerFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _table = PostgreSqlServerFixture.NewTableName();
    private readonly string _dataSourceName = "merge-" + Guid.NewGuid().ToString("N");
    private NpgsqlDataSource? _dataSource;
    private PostgreSqlSessionRecordStore? _store;

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    private PostgreSqlSessionRecordStore Store => _store!;

    public async Task InitializeAsync()
    {
        if (postgres.UnavailableReason is not null)
        {
            return;
        }

        _dataSource = new NpgsqlDataSourceBuilder(postgres.ConnectionString) { Name = _dataSourceName }.Build();
        _store = new PostgreSqlSessionRecordStore(_dataSource, Options.Create(new PostgreSqlSessionRecordStoreOptions { TableName = _table }), _time);

        // First use creates the table: done here, so that the traffic the tests count is the saves alone.
        await _store.ClearExpiredAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Keys_changed_out_of_band_between_load_and_save_survive_and_removed_keys_are_deleted()
    {
        postgres.EnsureAvailable();
        Assert.True(await Store.TryCreateAsync("id", Record(("a", "1"), ("b", "2"), ("c", "3"))));
        var loaded = (await Store.LoadRecordAsync("id"))!;
        await postgres.ExecuteAsync($"UPDATE \"{_table}\" SET session_data = session_data || '{{\"b\": 20, \"x\": 9}}'");

        var result = await Store.UpdateAsync("id", Update(loaded.Values, set: [("a", "10")], removed: ["c"]));

        Assert.Equal(SessionWriteResult.Written, result);
        Assert.Equal(["{\"a\": 10, \"b\": 20, \"x\": 9}"], await postgres.QueryAsync($"SELECT session_data::text FROM \"{_table}\""));
    }

    [SkippableFact]
    public async Task A_save_is_one_update_statement_carrying_only_the_changed_keys()
    {
        postgres.EnsureAvailable();
        var large = "\"" + new string('x', 100_000) + "\"";
        Assert.True(await Store.TryCreateAsync("id", Record(("large", large), ("count", "1"))));
        var loaded = (await Store.LoadRecordAsync("id"))!;
        using var traffic = new NpgsqlTraffic(_dataSourceName);

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync("id", Update(loaded.Values, set: [("count", "2")])));

        var save = traffic.Snapshot();
        var statement = Assert.Single(save.Statements);
        Assert.StartsWith("UPDATE", statement.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("||", statement, StringComparison.Ordinal);
        Assert.InRange(save.BytesWritten, 1, 2_000);
        Assert.Equal("2", (await Store.LoadRecordAsync("id"))!.Values["count"]);
    }

    [SkippableFact]
    public async Task An_optimistic_save_that_applies_is_one_statement_and_a_conflict_is_told_by_a_second()
    {
        postgres.EnsureAvailable();
        Assert.True(await Store.TryCreateAsync("id", Record(("a", "1"))));
        using var traffic = new NpgsqlTraffic(_dataSourceName);

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync("id", Optimistic(Update(Values(), set: [("a", "2")]), ("a", "1"))));
        Assert.Single(traffic.Snapshot().Statements);

        traffic.Reset();
        Assert.Equal(SessionWriteResult.Conflict, await Store.UpdateAsync("id", Optimistic(Update(Values(), set: [("a", "3")]), ("a", "1"))));
        var conflict = traffic.Snapshot();
        Assert.Equal(2, conflict.RoundTrips);
        Assert.StartsWith("UPDATE", conflict.Statements[0].TrimStart(), StringComparison.Ordinal);
        Assert.Equal("2", (await Store.LoadRecordAsync("id"))!.Values["a"]);
    }

    [SkippableFact]
    public async Task Expected_values_are_compared_as_json_not_as_text()
    {
        postgres.EnsureAvailable();
        Assert.True(await Store.TryCreateAsync("id", Record(("cart", """{"sku":"A-1","qty":2.0}"""), ("name", "\"\\u00e9\""))));

        // Same values, other spelling: key order, spaces, number format and escapes differ from what is stored.
        var sameValues = Optimistic(Update(Values(), set: [("cart", "{}")]), ("cart", """{ "qty": 2.00, "sku": "A\u002d1" }"""), ("name", "\"é\""));
        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync("id", sameValues));

        var otherValue = Optimistic(Update(Values(), set: [("cart", "[]")]), ("cart", """{"qty":2,"sku":"A-1"}"""));
        Assert.Equal(SessionWriteResult.Conflict, await Store.UpdateAsync("id", otherValue));
    }

    [SkippableFact]
    public async Task An_optimistic_save_that_changes_no_keys_still_refreshes_the_expiry()
    {
        postgres.EnsureAvailable();
        Assert.True(await Store.TryCreateAsync("id", Record(("a", "1"))));
        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync("id", Optimistic(Update(Values(("a", "1"))))));

        var stored = (await Store.LoadRecordAsync("id"))!;
        Assert.Equal(InOneHour, stored.ExpiresAt);
        Assert.Equal("1", stored.Values["a"]);
    }

    [SkippableFact]
    public async Task An_optimistic_save_of_more_keys_than_the_statement_cache_holds_checks_every_key()
    {
        postgres.EnsureAvailable();
        var keys = Enumerable.Range(0, 100).Select(i => (Key: $"k{i}", Json: $"{i}")).ToArray();
        Assert.True(await Store.TryCreateAsync("id", Record(keys)));
        var increments = Enumerable.Range(0, 100).Select(i => (Key: $"k{i}", Json: $"{i + 1}")).ToArray();
        var expected = keys.Select(pair => (pair.Key, (string?)pair.Json)).ToArray();

        // Only the last of the 100 expected values is stale.
        var stale = expected[..^1].Append(("k99", "-1")).ToArray();
        Assert.Equal(SessionWriteResult.Conflict, await Store.UpdateAsync("id", Optimistic(Update(Values(), set: increments), stale)));
        Assert.Equal("99", (await Store.LoadRecordAsync("id"))!.Values["k99"]);

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync("id", Optimistic(Update(Values(), set: increments), expected)));
        Assert.Equal("100", (await Store.LoadRecordAsync("id"))!.Values["k99"]);
    }

    [SkippableFact]
    public async Task A_save_over_data_that_is_not_an_object_is_not_found_and_writes_nothing()
    {
        postgres.EnsureAvailable();
        Assert.True(await Store.TryCreateAsync("id", Record(("a", "1"))));
        await postgres.ExecuteAsync($"UPDATE \"{_table}\" SET session_data = '[\"tampered\"]'");

        Assert.Equal(SessionWriteResult.NotFound, await Store.UpdateAsync("id", Update(Values(), set: [("a", "2")])));
        Assert.Equal(SessionWriteResult.NotFound, await Store.UpdateAsync("id", Optimistic(Update(Values(), set: [("a", "2")]), ("a", "1"))));

        Assert.Equal(["[\"tampered\"]"], await postgres.QueryAsync($"SELECT session_data::text FROM \"{_table}\""));
    }

    private static Dictionary<string, string> Values(params (string Key, string Json)[] values)
        => values.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal);

    private SessionRecord Record(params (string Key, string Json)[] values) => new(Values(values), InOneHour);

    private SessionChanges Update(IReadOnlyDictionary<string, string> loaded, (string Key, string Json)[]? set = null, string[]? removed = null)
    {
        var changed = Values(set ?? []);
        var after = new Dictionary<string, string>(loaded, StringComparer.Ordinal);
        foreach (var key in removed ?? [])
        {
            after.Remove(key);
        }

        foreach (var (key, json) in changed)
        {
            after[key] = json;
        }

        return new SessionChanges { Values = after, Changed = changed, Removed = removed ?? [], ExpiresAt = InOneHour };
    }

    private static SessionChanges Optimistic(SessionChanges update, params (string Key, string? Json)[] expected)
        => new()
        {
            Values = update.Values,
            Changed = update.Changed,
            Removed = update.Removed,
            ExpiresAt = update.ExpiresAt,
            ExpectedValues = expected.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal),
        };
}
