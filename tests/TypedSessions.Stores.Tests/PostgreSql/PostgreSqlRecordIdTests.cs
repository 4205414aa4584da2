using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Servers;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>
/// The key column holds the engine's record id, a SHA-256 of the session key. Ids the engine never makes (which
/// PostgreSQL text may not be able to hold) are stored as a hash of their own.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRecordIdTests(PostgreSqlServerFixture postgres)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _table = PostgreSqlServerFixture.NewTableName();

    [SkippableFact]
    public async Task Key_column_holds_the_sha256_hex_of_the_session_key_never_the_key()
    {
        using var services = PostgreSqlTestHost.Build(postgres, _table, _time);
        var session = await services.GetRequiredService<ISessionManager>().OpenAsync(null);
        session.Set("user", 42);
        await session.SaveAsync();

        Assert.Equal([ExpectedRecordId.For(session.Key!)], await postgres.QueryAsync($"SELECT session_key FROM \"{_table}\""));
        Assert.Equal(["0"], await postgres.QueryAsync($"SELECT count(*) FROM \"{_table}\" WHERE session_key = $1 OR session_data::text LIKE '%' || $1 || '%'", session.Key!));
    }

    [SkippableFact]
    public async Task Ids_postgresql_text_cannot_hold_are_stored_as_a_prefixed_hash()
    {
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table);

        Assert.True(await store.TryCreateAsync("abc\0def", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1))));

        var stored = Assert.Single(await postgres.QueryAsync($"SELECT session_key FROM \"{_table}\""));
        Assert.Matches("^~[0-9a-f]{64}$", stored);
    }

    [SkippableFact]
    public async Task A_long_incompressible_id_works_like_any_other()
    {
        var store = PostgreSqlTestStores.Create(postgres, _time, o => o.TableName = _table);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(7_500));

        Assert.True(await store.TryCreateAsync(id, new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, _time.GetUtcNow().AddHours(1))));

        Assert.Equal("1", (await store.LoadRecordAsync(id))!.Values["a"]);
        Assert.Null(await store.LoadRecordAsync(id[..^1]));
    }
}
