using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.PostgreSql;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>
/// What the user index costs the PostgreSQL store, in statements (one round trip each, counted by Npgsql's own tracing
/// for a data source of the test's own): a sign-in's create and a revoke are one statement each, a save that moves the
/// session to another user is still one <c>UPDATE</c>, and a listing is one statement per page.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlUserIndexStatementTests(PostgreSqlServerFixture postgres, ITestOutputHelper output)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    [SkippableFact]
    public async Task A_create_with_a_user_and_a_revoke_are_one_statement_each_and_a_listing_one_per_page()
    {
        postgres.EnsureAvailable();
        var dataSourceName = "user-index-" + Guid.NewGuid().ToString("N");
        await using var dataSource = new NpgsqlDataSourceBuilder(postgres.ConnectionString) { Name = dataSourceName }.Build();
        var store = new PostgreSqlSessionRecordStore(
            dataSource, Options.Create(new PostgreSqlSessionRecordStoreOptions { TableName = PostgreSqlServerFixture.NewTableName() }), _time);
        Assert.Equal(0, await store.ClearExpiredAsync()); // the table is made before counting
        using var traffic = new NpgsqlTraffic(dataSourceName);
        var id = NewId();

        var create = await MeasureAsync(traffic, () => store.CreateAsync(id, Record("alice")).AsTask());
        var moveUser = await MeasureAsync(traffic, () => store.UpdateAsync(id, Changes(userId: "bob")).AsTask());
        var revoke = await MeasureAsync(traffic, () => store.RevokeAsync(id).AsTask());
        await Parallel.ForAsync(0, 1_203, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
            Assert.True(await store.TryCreateAsync(NewId(), Record("many"))));
        var list = await MeasureAsync(traffic, () => store.ListUserSessionsAsync("many").ToListAsync().AsTask());

        output.WriteLine("| PostgreSQL call | round trips | statements | bytes sent | bytes received |");
        output.WriteLine("|---|---:|---|---:|---:|");
        foreach (var (call, cost) in new[] { ("create with a user", create), ("save moving the user", moveUser), ("revoke", revoke), ("list 1,203 sessions", list) })
        {
            var statements = string.Join(" + ", cost.Statements.Select(sql => sql.TrimStart().Split(' ', 2)[0]));
            output.WriteLine($"| {call} | {cost.RoundTrips} | {statements} | {cost.BytesWritten} | {cost.BytesRead} |");
        }

        Assert.StartsWith("INSERT INTO", Assert.Single(create.Statements).TrimStart(), StringComparison.Ordinal);
        Assert.StartsWith("UPDATE", Assert.Single(moveUser.Statements).TrimStart(), StringComparison.Ordinal);
        Assert.StartsWith("DELETE FROM", Assert.Single(revoke.Statements).TrimStart(), StringComparison.Ordinal);
        Assert.Equal(3, list.RoundTrips);
        Assert.All(list.Statements, sql => Assert.StartsWith("SELECT", sql.TrimStart(), StringComparison.Ordinal));
    }

    private static async Task<NpgsqlTrafficSnapshot> MeasureAsync(NpgsqlTraffic traffic, Func<Task> call)
    {
        traffic.Reset();
        await call();
        return traffic.Snapshot();
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private SessionRecord Record(string userId) => new(new Dictionary<string, string> { ["a"] = "1" }, InOneHour)
    {
        UserId = userId,
        CreatedAt = _time.GetUtcNow(),
        UserAgent = "Mozilla/5.0",
        RemoteAddress = "192.0.2.7",
    };

    private SessionChanges Changes(string userId) => new()
    {
        Values = new Dictionary<string, string> { ["a"] = "2" },
        Changed = new Dictionary<string, string> { ["a"] = "2" },
        Removed = [],
        ExpiresAt = InOneHour,
        SavedAt = _time.GetUtcNow(),
        UserIdChanged = true,
        UserId = userId,
        HasChanges = true,
    };
}
