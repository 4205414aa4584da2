using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.PostgreSql;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>
/// How the PostgreSQL store lists a user's sessions: through the user index, a page at a time, for a user with 10,000
/// sessions as for one with two; rows it cannot read are left out and counted in a warning; the origin columns are
/// written once, by the create; and a revoke finds a record only by its exact id.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlUserIndexQueryTests : IDisposable
{
    private readonly PostgreSqlServerFixture _postgres;
    private readonly ITestOutputHelper _output;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _table = PostgreSqlServerFixture.NewTableName();
    private readonly FakeLogCollector _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public PostgreSqlUserIndexQueryTests(PostgreSqlServerFixture postgres, ITestOutputHelper output)
    {
        _postgres = postgres;
        _output = output;
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(_logs)));
    }

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    [SkippableFact]
    public async Task The_listing_query_is_an_index_scan_of_the_user_index_in_record_id_order()
    {
        var store = CreateStore();
        await SeedAsync("alice", 20);
        await SeedAsync("bob", 2_000);
        await SeedAsync(userId: null, 5_000);
        await _postgres.ExecuteAsync($"ANALYZE \"{_table}\"");
        Assert.NotEmpty(await store.ListUserSessionsAsync("alice").ToListAsync());

        // On its own connection, so that the setting holds for the EXPLAIN: a sequential scan is then a last resort,
        // and the planner shows which index serves the query.
        await using var connection = await _postgres.DataSource.OpenConnectionAsync();
        await using (var setting = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await setting.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN " + new PostgreSqlSessionSql(new PostgreSqlSessionRecordStoreOptions { TableName = _table }).ListUserPage, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "alice" });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = _time.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "" });
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        _output.WriteLine(string.Join(Environment.NewLine, plan));
        Assert.Contains(plan, line => line.Contains($"Index Scan using {_table}_user_id on {_table}", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Sort", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task A_user_with_10000_sessions_gets_each_exactly_once()
    {
        const int Sessions = 10_000;
        var store = CreateStore();
        var ids = await SeedAsync("many", Sessions);
        await SeedAsync("other", 300);
        await SeedAsync("many", 300, expiresAt: _time.GetUtcNow().AddSeconds(-1));

        // The first listing includes the JIT compiling the store's code; the second shows the steady cost.
        var clock = Stopwatch.StartNew();
        var listed = await store.ListUserSessionsAsync("many").ToListAsync();
        var first = clock.Elapsed;
        clock.Restart();
        var again = await store.ListUserSessionsAsync("many").ToListAsync();
        var second = clock.Elapsed;

        _output.WriteLine(
            $"PostgreSQL: listed {listed.Count:N0} sessions of one user ({Sessions / PostgreSqlSessionSql.UserPageSize} pages of {PostgreSqlSessionSql.UserPageSize}) " +
            $"in {first.TotalMilliseconds:N0} ms, then again in {second.TotalMilliseconds:N0} ms.");
        Assert.Equal(listed.Count, again.Count);
        Assert.Equal(Sessions, listed.Select(info => info.RecordId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(info => info.RecordId));
        Assert.All(listed, info => Assert.Equal(("many", 10L), (info.UserId, info.SizeInBytes)));
    }

    [SkippableFact]
    public async Task Rows_that_cannot_be_read_are_left_out_of_the_listing_and_counted_in_a_warning()
    {
        var store = CreateStore();
        var readable = await SeedAsync("alice", 2);
        var broken = await SeedAsync("alice", 3);
        await _postgres.ExecuteAsync($"UPDATE \"{_table}\" SET expire_date = 'infinity' WHERE session_key = $1", broken[0]);
        await _postgres.ExecuteAsync($"UPDATE \"{_table}\" SET created_date = '-infinity' WHERE session_key = $1", broken[1]);
        await _postgres.ExecuteAsync($"UPDATE \"{_table}\" SET saved_date = '20000-01-01' WHERE session_key = $1", broken[2]);

        var listed = await store.ListUserSessionsAsync("alice").ToListAsync();

        Assert.Equal(readable.Order(StringComparer.Ordinal), listed.Select(info => info.RecordId));
        var warning = Assert.Single(_logs.GetSnapshot(), r => r.Id.Name == "UnreadableRowsNotListed");
        Assert.Equal((LogLevel.Warning, "TypedSessions.Security"), (warning.Level, warning.Category));
        Assert.StartsWith("3 session rows", warning.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _loggerFactory.Dispose();

    private PostgreSqlSessionRecordStore CreateStore()
        => PostgreSqlTestStores.Create(_postgres, _time, o => o.TableName = _table, _loggerFactory);

    // Rows as the store writes them, in one INSERT: far faster than one create each. The ids are random SHA-256 hex.
    private async Task<List<string>> SeedAsync(string? userId, int count, DateTimeOffset? expiresAt = null)
    {
        await CreateStore().ClearExpiredAsync(); // the store makes its table first
        var ids = await _postgres.QueryAsync(
            $$"""
            INSERT INTO "{{_table}}" (session_key, session_data, expire_date, created_date, saved_date, user_id, format_version)
            SELECT encode(sha256(gen_random_uuid()::text::bytea), 'hex'), '{"a": "1"}', $1, $2, $2, $3, 1 FROM generate_series(1, $4)
            RETURNING session_key
            """,
            (expiresAt ?? InOneHour).ToUniversalTime(),
            _time.GetUtcNow(),
            (object?)userId ?? DBNull.Value,
            count);
        return [.. ids.Select(id => id!)];
    }
}
