using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Servers;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>
/// Session data is a jsonb object: queryable in SQL, always valid JSON, and normalized by PostgreSQL, so values load
/// back as equal JSON in PostgreSQL's spelling. Data that is not an object never fails a request.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlJsonbTests(PostgreSqlServerFixture postgres)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    public static TheoryData<string> NotObjects => ["\"a string\"", "[1, 2, 3]", "42", "true", "null"];

    [SkippableFact]
    public async Task Session_data_is_a_jsonb_object_that_sql_can_query()
    {
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table);

        Assert.True(await store.TryCreateAsync("id", Record(("user", "42"), ("cart", """{"lines":[{"sku":"A-1"}]}"""))));

        Assert.Equal(["jsonb|object|42|A-1"], await postgres.QueryAsync(
            $"SELECT pg_typeof(session_data)::text || '|' || jsonb_typeof(session_data) || '|' || (session_data ->> 'user') || '|' || " +
            $"(session_data #>> '{{cart,lines,0,sku}}') FROM \"{_table}\""));
    }

    [SkippableFact]
    public async Task Values_load_as_equal_json_in_postgresql_spelling_and_the_same_spelling_every_time()
    {
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table);
        var cart = """{"lines":[{"sku":"A-1","qty":2}],"note":null}""";
        Assert.True(await store.TryCreateAsync("id", Record(("cart", cart), ("name", "\"\\u00e9\""))));

        var first = (await store.LoadRecordAsync("id"))!.Values;
        var second = (await store.LoadRecordAsync("id"))!.Values;

        Assert.Equal("""{"note": null, "lines": [{"qty": 2, "sku": "A-1"}]}""", first["cart"]);
        Assert.Equal("\"é\"", first["name"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cart), JsonNode.Parse(first["cart"])));
        Assert.Equal(first, second);
    }

    [SkippableTheory]
    [MemberData(nameof(NotObjects))]
    public async Task Load_of_data_that_is_not_an_object_throws_session_data_corrupted(string json)
    {
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table);
        Assert.True(await store.TryCreateAsync("id", Record(("a", "1"))));
        await postgres.ExecuteAsync($"UPDATE \"{_table}\" SET session_data = $1::jsonb", json);

        await Assert.ThrowsAsync<SessionDataCorruptedException>(async () => await store.LoadRecordAsync("id"));
    }

    [SkippableFact]
    public async Task Session_whose_data_is_not_an_object_opens_empty_and_keyless_with_a_security_warning()
    {
        using var services = PostgreSqlTestHost.Build(postgres, _table, _time);
        var manager = services.GetRequiredService<ISessionManager>();
        var session = await manager.OpenAsync(null);
        session.Set("user", 42);
        await session.SaveAsync();
        var key = session.Key!;
        await postgres.ExecuteAsync($"UPDATE \"{_table}\" SET session_data = '\"tampered\"' WHERE session_key = $1", ExpectedRecordId.For(key));

        var reopened = await manager.OpenAsync(key);

        Assert.Null(reopened.Key);
        Assert.True(reopened.IsEmpty);
        var warning = Assert.Single(services.GetFakeLogCollector().GetSnapshot(), r => r.Category == "TypedSessions.Security");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Session data corrupted", warning.Message, StringComparison.Ordinal);
    }

    private SessionRecord Record(params (string Key, string Json)[] values)
        => new(values.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal), _time.GetUtcNow().AddHours(1));
}
