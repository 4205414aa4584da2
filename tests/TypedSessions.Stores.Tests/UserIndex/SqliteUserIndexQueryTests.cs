using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Sqlite;
using TypedSessions.Stores.Tests.Sqlite;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>
/// How the SQLite store lists a user's sessions: through the user index, a page at a time, for a user with 10,000
/// sessions as for one with two; rows it cannot read are left out and counted in a warning; the origin columns are
/// written once, by the create; and a revoke finds a record only by its exact id.
/// </summary>
public sealed class SqliteUserIndexQueryTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeLogCollector _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly ITestOutputHelper _output;

    public SqliteUserIndexQueryTests(ITestOutputHelper output)
    {
        _output = output;
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(_logs)));
    }

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    [Fact]
    public async Task The_listing_query_is_a_range_of_the_user_index_in_record_id_order()
    {
        var store = CreateStore();
        await SeedAsync("alice", 20);
        await SeedAsync("bob", 20);
        await SeedAsync(userId: null, 200);
        Assert.NotEmpty(await store.ListUserSessionsAsync("alice").ToListAsync());

        using var connection = _database.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + new SqliteSessionSql(new SqliteSessionRecordStoreOptions { ConnectionString = _database.ConnectionString }).ListUserPage;
        command.Parameters.AddWithValue(SqliteSessionSql.UserParameter, "alice");
        command.Parameters.AddWithValue(SqliteSessionSql.NowParameter, _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue(SqliteSessionSql.AfterParameter, "");
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        _output.WriteLine(string.Join(Environment.NewLine, plan));
        var step = Assert.Single(plan);
        Assert.StartsWith("SEARCH typed_sessions USING INDEX typed_sessions_user_id (user_id=? AND session_key>?)", step, StringComparison.Ordinal);
    }

    [Fact]
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
            $"SQLite: listed {listed.Count:N0} sessions of one user ({Sessions / SqliteSessionSql.UserPageSize} pages of {SqliteSessionSql.UserPageSize}) " +
            $"in {first.TotalMilliseconds:N0} ms, then again in {second.TotalMilliseconds:N0} ms.");
        Assert.Equal(listed.Count, again.Count);
        Assert.Equal(Sessions, listed.Select(info => info.RecordId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(info => info.RecordId));
        Assert.All(listed, info => Assert.Equal(("many", 9L), (info.UserId, info.SizeInBytes)));
    }

    [Fact]
    public async Task Rows_that_cannot_be_read_are_left_out_of_the_listing_and_counted_in_a_warning()
    {
        var store = CreateStore();
        var readable = await SeedAsync("alice", 2);
        var broken = await SeedAsync("alice", 4);
        using (var connection = _database.OpenRaw())
        {
            connection.Execute("UPDATE typed_sessions SET expire_date = 'abc' WHERE session_key = $id", ("$id", broken[0]));
            connection.Execute("UPDATE typed_sessions SET created_date = X'01' WHERE session_key = $id", ("$id", broken[1]));
            connection.Execute("UPDATE typed_sessions SET user_agent = X'02' WHERE session_key = $id", ("$id", broken[2]));
            connection.Execute("UPDATE typed_sessions SET session_key = X'FF' WHERE session_key = $id", ("$id", broken[3]));
        }

        var listed = await store.ListUserSessionsAsync("alice").ToListAsync();

        Assert.Equal(readable.Order(StringComparer.Ordinal), listed.Select(info => info.RecordId));
        var warning = Assert.Single(_logs.GetSnapshot(), r => r.Id.Name == "UnreadableRowsNotListed");
        Assert.Equal((LogLevel.Warning, "TypedSessions.Security"), (warning.Level, warning.Category));
        Assert.StartsWith("4 session rows", warning.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _loggerFactory.Dispose();
        _database.Dispose();
    }

    private SqliteSessionRecordStore CreateStore()
        => new(Options.Create(new SqliteSessionRecordStoreOptions { ConnectionString = _database.ConnectionString }), _time, _loggerFactory);

    // Rows as the store writes them, inserted in one transaction: far faster than one create each.
    private async Task<List<string>> SeedAsync(string? userId, int count, DateTimeOffset? expiresAt = null)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).ToList();
        await CreateStore().ClearExpiredAsync(); // the store makes its table first
        using var connection = _database.OpenRaw();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText =
            "INSERT INTO typed_sessions (session_key, session_data, expire_date, created_date, saved_date, user_id, format_version) VALUES ($id, '{\"a\":\"1\"}', $expires, $now, $now, $user, 1)";
        var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        command.Parameters.AddWithValue("$expires", (expiresAt ?? InOneHour).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$user", (object?)userId ?? DBNull.Value);
        foreach (var value in ids)
        {
            id.Value = value;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return ids;
    }
}
