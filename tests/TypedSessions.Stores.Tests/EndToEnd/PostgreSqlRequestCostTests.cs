using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TypedSessions.Stores.Tests.Infrastructure;
using TypedSessions.Stores.Tests.PostgreSql;
using TypedSessions.Stores.Tests.Servers;
using TypedSessions.Stores.Tests.Sqlite;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// What a request costs the PostgreSQL store through the real middleware: statements (one round trip each) and bytes,
/// counted by Npgsql's own tracing and metrics for the app's data source alone. Prints the table for docs/stores.md
/// and pins its shape: a read-only request is one read and no write, a write is one read and one UPDATE however many
/// keys it sets.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRequestCostTests(PostgreSqlServerFixture postgres, ITestOutputHelper output)
{
    // Steady state: each request runs this often and the last run is reported; the last two must cost the same.
    private const int Runs = 4;

    // Npgsql's defaults send each statement's SQL text every time and reset a pooled connection at its next use. Tuned,
    // a connection sends the SQL once (automatic preparation) and skips the reset, which the store does not need.
    [SkippableTheory]
    [InlineData("")]
    [InlineData("Max Auto Prepare=10;Auto Prepare Min Usages=2;No Reset On Close=true")]
    public async Task Read_only_request_is_one_read_and_no_write_and_a_write_is_one_read_and_one_update(string connectionSettings)
    {
        postgres.EnsureAvailable();
        var table = PostgreSqlServerFixture.NewTableName();
        var dataSourceName = "cost-" + Guid.NewGuid().ToString("N");
        await using var dataSource = new NpgsqlDataSourceBuilder($"{postgres.ConnectionString};{connectionSettings}") { Name = dataSourceName }.Build();
        await using var app = await SessionTestApp.StartAsync(
            builder => builder.AddPostgreSqlStore(o => o.TableName = table),
            services => services.AddSingleton(dataSource));
        var cookie = await app.StartSessionAsync();
        var recordId = ExpectedRecordId.For(cookie.Split('=')[1]);
        using var traffic = new NpgsqlTraffic(dataSourceName);

        var readOnly = await MeasureAsync(app, traffic, HttpMethod.Get, _ => "/get/start", cookie);
        var rowVersion = await RowVersionAsync(table, recordId);
        var readAgain = await MeasureAsync(app, traffic, HttpMethod.Get, _ => "/get/start", cookie);
        var rowVersionAfterReads = await RowVersionAsync(table, recordId);

        // A new value every run (of the same length): setting an equal value is no change and saves nothing.
        var writeOne = await MeasureAsync(app, traffic, HttpMethod.Post, run => $"/set/one/{10 + run}", cookie);
        var writeTen = await MeasureAsync(app, traffic, HttpMethod.Post, run => $"/set-many/10/{10 + run}", cookie);

        output.WriteLine($"PostgreSQL store, {(connectionSettings.Length == 0 ? "Npgsql defaults" : connectionSettings)}:");
        Print(("read-only (reads one key)", readOnly), ("writes one key", writeOne), ("writes ten keys", writeTen));
        Assert.StartsWith("SELECT", Assert.Single(readOnly.Statements).TrimStart(), StringComparison.Ordinal);
        Assert.Empty(readOnly.Writes);
        Assert.Equal(rowVersion, rowVersionAfterReads);
        Assert.Equal(readOnly.Statements, readAgain.Statements);
        Assert.Equal(readOnly.BytesWritten, readAgain.BytesWritten);
        foreach (var write in new[] { writeOne, writeTen })
        {
            Assert.Equal(2, write.RoundTrips);
            Assert.Single(write.Reads);
            Assert.StartsWith("UPDATE", Assert.Single(write.Writes).TrimStart(), StringComparison.Ordinal);
        }

        Assert.True(writeTen.BytesWritten > writeOne.BytesWritten);
        AssertDocumented(
            connectionSettings.Length == 0 ? "Bytes sent (default)" : "Bytes sent (auto-prepare, no reset on close)",
            ("read-only", readOnly), ("write one key", writeOne), ("write ten keys", writeTen));
    }

    // The round trips and bytes docs/stores.md states, exactly, so the doc cannot drift from the store.
    private static void AssertDocumented(string bytesColumn, params (string Request, NpgsqlTrafficSnapshot Cost)[] rows)
    {
        var table = DocumentedCostTable.After("**PostgreSQL**");
        foreach (var (request, cost) in rows)
        {
            Assert.True(
                table.Bytes(request, bytesColumn) == cost.BytesWritten,
                $"docs/stores.md states {table.Cell(request, bytesColumn)} for {request}, {bytesColumn}; measured {cost.BytesWritten}.");
            Assert.Equal(table.Bytes(request, "Round trips"), cost.RoundTrips);
        }
    }

    [SkippableFact]
    public async Task Merging_costs_no_extra_round_trip_and_no_extra_byte_for_numbers_and_the_loaded_value_for_a_list()
    {
        postgres.EnsureAvailable();
        var costs = new Dictionary<SessionConcurrency, (NpgsqlTrafficSnapshot Number, NpgsqlTrafficSnapshot List)>();
        var table = PostgreSqlServerFixture.NewTableName();
        foreach (var concurrency in new[] { SessionConcurrency.LastWriterWins, SessionConcurrency.Merge })
        {
            var dataSourceName = "cost-" + Guid.NewGuid().ToString("N");
            await using var dataSource = new NpgsqlDataSourceBuilder(postgres.ConnectionString) { Name = dataSourceName }.Build();
            await using var app = await SessionTestApp.StartAsync(
                builder => builder.AddPostgreSqlStore(o => o.TableName = table),
                services => services.AddSingleton(dataSource).Configure<TypedSessionsOptions>(options => options.Concurrency = concurrency));
            var cookie = await app.StartSessionAsync();
            using (var seeded = await app.SendAsync(HttpMethod.Post, $"/seed-lines/lines/{Runs}", cookie))
            {
                Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
            }

            using var traffic = new NpgsqlTraffic(dataSourceName);
            var number = await MeasureAsync(app, traffic, HttpMethod.Post, run => $"/set/one/{10 + run}", cookie);
            // Each run raises another line from 0 to 1: the same length every time.
            var list = await MeasureAsync(app, traffic, HttpMethod.Post, run => $"/bump/lines/{run}", cookie);
            costs[concurrency] = (number, list);
        }

        output.WriteLine("PostgreSQL store, LastWriterWins then Merge:");
        Print(
            ("LastWriterWins: writes one number", costs[SessionConcurrency.LastWriterWins].Number),
            ("LastWriterWins: changes one line of a list", costs[SessionConcurrency.LastWriterWins].List),
            ("Merge: writes one number", costs[SessionConcurrency.Merge].Number),
            ("Merge: changes one line of a list", costs[SessionConcurrency.Merge].List));
        var (alone, merged) = (costs[SessionConcurrency.LastWriterWins], costs[SessionConcurrency.Merge]);
        Assert.Equal(alone.Number.Statements, merged.Number.Statements);
        Assert.Equal(alone.Number.BytesWritten, merged.Number.BytesWritten);
        Assert.Equal(2, merged.List.RoundTrips);
        Assert.Equal(alone.List.RoundTrips, merged.List.RoundTrips);

        // The merge's expectation travels with the UPDATE: the key and the list as loaded, in the same statement.
        Assert.True(merged.List.BytesWritten > alone.List.BytesWritten, $"{merged.List.BytesWritten} bytes merged, {alone.List.BytesWritten} alone.");
    }

    private static async Task<NpgsqlTrafficSnapshot> MeasureAsync(
        SessionTestApp app, NpgsqlTraffic traffic, HttpMethod method, Func<int, string> path, string cookie)
    {
        var runs = new List<NpgsqlTrafficSnapshot>();
        for (var run = 0; run < Runs; run++)
        {
            traffic.Reset();
            using var response = await app.SendAsync(method, path(run), cookie);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            runs.Add(traffic.Snapshot());
        }

        // Runs after the first find the keys already stored, so they send the same.
        Assert.Equal(runs[^1].BytesWritten, runs[^2].BytesWritten);
        Assert.Equal(runs[^1].Statements, runs[^2].Statements);
        return runs[^1];
    }

    // xmin is the transaction that last wrote the row: unchanged means nothing wrote it.
    private async Task<string?> RowVersionAsync(string table, string recordId)
        => Assert.Single(await postgres.QueryAsync($"SELECT xmin::text FROM \"{table}\" WHERE session_key = $1", recordId));

    private void Print(params (string Request, NpgsqlTrafficSnapshot Cost)[] rows)
    {
        var table = new StringBuilder()
            .AppendLine("| request | round trips | statements | bytes sent | bytes received |")
            .AppendLine("|---|---:|---|---:|---:|");
        foreach (var (request, cost) in rows)
        {
            var statements = string.Join(" + ", cost.Statements.Select(sql => sql.TrimStart().Split(' ', 2)[0]));
            table.AppendLine(CultureInfo.InvariantCulture, $"| {request} | {cost.RoundTrips} | {statements} | {cost.BytesWritten} | {cost.BytesRead} |");
        }

        output.WriteLine(table.ToString());
    }
}
