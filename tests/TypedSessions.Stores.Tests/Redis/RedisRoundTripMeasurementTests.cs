using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores.Tests.EndToEnd;
using TypedSessions.Stores.Tests.Infrastructure;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// Store traffic per HTTP request through the real middleware, counted by the server through <c>MONITOR</c> on the app's
/// own connection (named, so no other client is counted): round trips are the commands the app sent, commands include
/// those its scripts ran, and bytes are the size of the app's commands as sent (not the server-wide
/// <c>total_net_input_bytes</c> that any other client moves). Prints the table for docs/stores.md and asserts it.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisRoundTripMeasurementTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly HashSet<string> Writes = ["hset", "hdel", "del", "unlink", "pexpireat", "expire", "pexpire", "set", "hmset"];

    // Sent by a multiplexer on its own (heartbeats, reconfiguration), not by the store.
    private static readonly HashSet<string> MultiplexerOwn = ["info", "echo", "ping", "client", "cluster", "config", "subscribe", "hello", "select", "role"];

    [SkippableFact]
    public async Task Read_only_requests_are_one_read_and_saves_are_one_script_that_writes_only_the_changed_keys()
    {
        redis.EnsureAvailable();

        // The app opens its own connection, as AddRedisStore(configuration) does in production.
        var clientName = AppClientName();
        await using var app = await SessionTestApp.StartAsync(
            builder => builder.AddRedisStore($"{redis.Configuration},name={clientName}", o => o.KeyPrefix = RedisServerFixture.NewPrefix()));
        await using var monitor = await RedisMonitor.StartAsync(redis, clientName);

        // Not measured: connecting, and the first create, which sends the create script's text once.
        var cookie = await app.StartSessionAsync("user", 42);
        await monitor.CollectAsync();

        var rows = new List<Row>
        {
            await RowAsync("writes one key, first save on this connection", monitor, () => Send(app, HttpMethod.Post, "/set/user/43", cookie)),
            await RowAsync("no session use (valid cookie)", monitor, () => Send(app, HttpMethod.Get, "/ping", cookie)),
            await RowAsync("read-only (reads one key)", monitor, () => Send(app, HttpMethod.Get, "/get/user", cookie)),
            await RowAsync("writes one key", monitor, () => Send(app, HttpMethod.Post, "/set/user/44", cookie)),
            await RowAsync("writes ten keys", monitor, () => Send(app, HttpMethod.Post, "/set-many/10/2", cookie)),
            await RowAsync("new session with one key (no cookie)", monitor, async () => await app.StartSessionAsync("user", 1)),
        };
        output.WriteLine(Table(rows));

        var (first, none, read, writeOne, writeTen, create) = (rows[0], rows[1], rows[2], rows[3], rows[4], rows[5]);

        // StackExchange.Redis sends a script's text once per connection (SCRIPT LOAD, EVAL), then only its SHA-1.
        Assert.Equal("hgetall", first.Sent[0]);
        Assert.Equal(["hset", "pexpireat"], first.WriteCommands.Select(command => command.Name));
        Assert.Empty(none.Sent);
        Assert.Equal(0, none.Bytes);

        Assert.Equal(["hgetall"], read.Sent);
        Assert.Equal(new Dictionary<string, long> { ["hgetall"] = 1 }, read.Calls);
        Assert.Empty(read.WriteCommands);

        Assert.Equal(["hgetall", "evalsha"], writeOne.Sent);
        Assert.Equal(["hset", "pexpireat"], writeOne.WriteCommands.Select(command => command.Name));
        Assert.Equal(9, writeOne.WriteCommands[0].Arguments.Count); // key, m:exp, m:ver, m:saved with values, k:user, 44

        Assert.Equal(["hgetall", "evalsha"], writeTen.Sent);
        Assert.Equal(["hset", "pexpireat"], writeTen.WriteCommands.Select(command => command.Name));
        Assert.Equal(1 + (2 * 13), writeTen.WriteCommands[0].Arguments.Count); // key, three metadata and ten fields in one HSET

        Assert.Equal(["evalsha"], create.Sent);
        Assert.True(read.Bytes < writeOne.Bytes && writeOne.Bytes < writeTen.Bytes && writeOne.Bytes < first.Bytes);

        // The round trips and bytes docs/stores.md states, exactly, so the doc cannot drift from the store.
        var documented = DocumentedCostTable.After("**Redis**");
        foreach (var (request, row) in new[] { ("no session use", none), ("read-only", read), ("write one key", writeOne), ("write ten keys", writeTen) })
        {
            Assert.True(documented.Bytes(request, "Bytes sent") == row.Bytes, $"docs/stores.md states {documented.Cell(request, "Bytes sent")} bytes for {request}; measured {row.Bytes}.");
            Assert.Equal(documented.Bytes(request, "Round trips"), row.Sent.Count);
        }
    }

    [SkippableFact]
    public async Task Merging_costs_no_extra_round_trip_and_no_extra_byte_for_numbers_and_the_loaded_value_for_a_list()
    {
        redis.EnsureAvailable();
        var rows = new List<Row>();
        foreach (var concurrency in new[] { SessionConcurrency.LastWriterWins, SessionConcurrency.Merge })
        {
            var clientName = AppClientName();
            await using var app = await SessionTestApp.StartAsync(
                builder => builder.AddRedisStore($"{redis.Configuration},name={clientName}", o => o.KeyPrefix = RedisServerFixture.NewPrefix()),
                services => services.Configure<TypedSessionsOptions>(options => options.Concurrency = concurrency));
            await using var monitor = await RedisMonitor.StartAsync(redis, clientName);
            var cookie = await app.StartSessionAsync("user", 42);
            foreach (var item in Enumerable.Range(0, 5))
            {
                await Send(app, HttpMethod.Post, $"/add/items/item{item}", cookie);
            }

            // The first save on a connection carries the script's text: warm it up outside the measurement.
            await Send(app, HttpMethod.Post, "/set/user/43", cookie);
            await monitor.CollectAsync();
            rows.Add(await RowAsync($"{concurrency}: writes one number", monitor, () => Send(app, HttpMethod.Post, "/set/user/44", cookie)));
            rows.Add(await RowAsync($"{concurrency}: adds one item to a list of five", monitor, () => Send(app, HttpMethod.Post, "/add/items/item5", cookie)));
        }

        output.WriteLine(Table(rows));
        var (numberAlone, listAlone, numberMerged, listMerged) = (rows[0], rows[1], rows[2], rows[3]);
        Assert.Equal(numberAlone.Sent, numberMerged.Sent);
        Assert.Equal(numberAlone.Bytes, numberMerged.Bytes);
        Assert.Equal(["hgetall", "evalsha"], listMerged.Sent);
        Assert.Equal(listAlone.Sent, listMerged.Sent);

        // The merge's expectation: the key's name, a flag and the list as loaded travel with the write.
        const string loadedList = "[\"item0\",\"item1\",\"item2\",\"item3\",\"item4\"]";
        Assert.InRange(listMerged.Bytes - listAlone.Bytes, loadedList.Length, loadedList.Length + 64);
    }

    private static async Task<Row> RowAsync(string request, RedisMonitor monitor, Func<Task> send)
    {
        await send();
        var commands = (await monitor.CollectAsync()).Where(command => !MultiplexerOwn.Contains(command.Name)).ToList();
        var calls = commands.GroupBy(command => command.Name).ToDictionary(group => group.Key, group => (long)group.Count(), StringComparer.Ordinal);
        var sent = commands.Where(command => !command.FromScript).Select(command => command.Name).ToList();
        var writes = commands.Where(command => Writes.Contains(command.Name)).ToList();
        var bytes = commands.Where(command => !command.FromScript).Sum(command => command.RequestBytes);
        return new Row(request, sent, calls, writes, bytes);
    }

    private static string AppClientName() => $"ts-app-{Guid.NewGuid():N}";

    private static async Task Send(SessionTestApp app, HttpMethod method, string path, string cookie)
    {
        using var response = await app.SendAsync(method, path, cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Table(List<Row> rows)
    {
        var table = new StringBuilder();
        table.AppendLine("| request | round trips | commands sent | commands Redis ran (incl. inside scripts) | bytes sent to Redis |");
        table.AppendLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var ran = string.Join(", ", row.Calls.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));
            table.AppendLine(CultureInfo.InvariantCulture, $"| {row.Request} | {row.Sent.Count} | {(row.Sent.Count == 0 ? "none" : string.Join(", ", row.Sent))} | {(ran.Length == 0 ? "none" : ran)} | {row.Bytes} |");
        }

        return table.ToString();
    }

    private sealed record Row(string Request, IReadOnlyList<string> Sent, IReadOnlyDictionary<string, long> Calls, IReadOnlyList<MonitoredCommand> WriteCommands, long Bytes);
}
