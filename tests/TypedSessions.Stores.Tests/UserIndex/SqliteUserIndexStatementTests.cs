using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Sqlite;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>
/// What the user index costs the SQLite store, in statements SQLite runs (its own trace hook): a sign-in's create and a
/// revoke are one statement each, a save that moves the session to another user runs the same statements as any save,
/// and a listing is one statement per page. Every call first sets the pooled connection's busy timeout; that
/// <c>PRAGMA</c> is shown and left out of the counts.
/// </summary>
public sealed class SqliteUserIndexStatementTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    [Fact]
    public async Task A_create_with_a_user_and_a_revoke_are_one_statement_each_and_a_listing_one_per_page()
    {
        var store = _database.CreateStore(_time);
        Assert.Equal(0, await store.ClearExpiredAsync()); // the table is made before counting
        using var trace = new SqliteStatementTrace(_database.ConnectionString);
        var id = NewId();

        var create = await CountAsync(trace, () => store.CreateAsync(id, Record("alice")).AsTask());
        var save = await CountAsync(trace, () => store.UpdateAsync(id, Changes(userIdChanged: false, userId: null)).AsTask());
        var moveUser = await CountAsync(trace, () => store.UpdateAsync(id, Changes(userIdChanged: true, userId: "bob")).AsTask());
        var revoke = await CountAsync(trace, () => store.RevokeAsync(id).AsTask());
        SeedInOneTransaction("many", 1_203);

        var list = await CountAsync(trace, () => store.ListUserSessionsAsync("many").ToListAsync().AsTask());

        output.WriteLine("| SQLite call | statements (after the connection's PRAGMA busy_timeout) |");
        output.WriteLine("|---|---|");
        foreach (var (call, statements) in new[] { ("create with a user", create), ("save", save), ("save moving the user", moveUser), ("revoke", revoke), ("list 1,203 sessions", list) })
        {
            output.WriteLine($"| {call} | {statements.Count}: {string.Join(" + ", statements.Select(FirstWords))} |");
        }

        Assert.StartsWith("INSERT INTO", Assert.Single(create).TrimStart(), StringComparison.Ordinal);
        Assert.StartsWith("DELETE FROM", Assert.Single(revoke).TrimStart(), StringComparison.Ordinal);
        Assert.Equal(save.Select(FirstWords), moveUser.Select(FirstWords));
        Assert.Single(moveUser, sql => sql.TrimStart().StartsWith("UPDATE", StringComparison.Ordinal));
        Assert.Equal(3, list.Count);
        Assert.All(list, sql => Assert.StartsWith("SELECT", sql.TrimStart(), StringComparison.Ordinal));
    }

    public void Dispose() => _database.Dispose();

    // The statements one call ran, less the PRAGMA each call's connection starts with, which must be there: it shows the
    // trace is on the store's connection.
    private static async Task<List<string>> CountAsync(SqliteStatementTrace trace, Func<Task> call)
    {
        trace.Reset();
        await call();
        var statements = trace.Statements;
        Assert.NotEmpty(statements);
        Assert.All(statements.Where(sql => sql.StartsWith("PRAGMA", StringComparison.Ordinal)), sql => Assert.StartsWith("PRAGMA busy_timeout", sql, StringComparison.Ordinal));
        Assert.StartsWith("PRAGMA busy_timeout", statements[0], StringComparison.Ordinal);
        return [.. statements.Where(sql => !sql.StartsWith("PRAGMA", StringComparison.Ordinal))];
    }

    // Far faster than a create each, which waits for the disk every time.
    private void SeedInOneTransaction(string userId, int count)
    {
        using var connection = _database.OpenRaw();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO typed_sessions (session_key, session_data, expire_date, user_id) VALUES ($id, '{}', $expires, $user)";
        var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
        command.Parameters.AddWithValue("$expires", InOneHour.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$user", userId);
        for (var i = 0; i < count; i++)
        {
            id.Value = NewId();
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static string FirstWords(string sql) => string.Join(' ', sql.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries).Take(2));

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private SessionRecord Record(string userId) => new(new Dictionary<string, string> { ["a"] = "1" }, InOneHour)
    {
        UserId = userId,
        CreatedAt = _time.GetUtcNow(),
        UserAgent = "Mozilla/5.0",
        RemoteAddress = "192.0.2.7",
    };

    private SessionChanges Changes(bool userIdChanged, string? userId) => new()
    {
        Values = new Dictionary<string, string> { ["a"] = "2" },
        Changed = new Dictionary<string, string> { ["a"] = "2" },
        Removed = [],
        ExpiresAt = InOneHour,
        SavedAt = _time.GetUtcNow(),
        UserIdChanged = userIdChanged,
        UserId = userId,
        HasChanges = true,
    };
}
