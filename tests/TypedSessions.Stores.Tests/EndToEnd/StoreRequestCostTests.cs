using System.Net;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using TypedSessions.Stores.Cached;
using TypedSessions.Stores.DistributedCache;
using TypedSessions.Stores.Tests.Infrastructure;
using TypedSessions.Stores.Tests.Sqlite;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// Store calls and bytes per request for the in-process stores, counted with metering wrappers through the real
/// middleware: a read-only request, one that writes one key, and one that writes ten. Redis and PostgreSQL are
/// measured on their real servers in their own tests. The calls and bytes are those docs/stores.md states, exactly, so
/// the doc cannot drift from the stores.
/// </summary>
public sealed class StoreRequestCostTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private sealed record Cost(string Request, int Calls, string Detail, long Bytes);

    [Fact]
    public async Task Memory_store_read_only_request_is_one_load_and_writes_send_only_changed_keys()
    {
        var metered = new MeteredSessionRecordStore(new MemorySessionRecordStore(TimeProvider.System));
        var costs = await MeasureAsync(builder => builder.UseStore(_ => metered), () => (metered.Calls, metered.BytesSent), metered.Reset);
        Print("memory", costs);
        AssertDocumented("Memory", costs);
        AssertReadOnlyIsOneRead(costs, "Load");
        Assert.Equal("Load, Update", costs[1].Detail);
        Assert.Equal("Load, Update", costs[2].Detail);
        Assert.True(costs[2].Bytes > costs[1].Bytes, "Ten changed keys hand the store more than one.");
    }

    [Fact]
    public async Task Sqlite_store_read_only_request_is_one_load_and_writes_are_one_update()
    {
        var metered = new MeteredSessionRecordStore(_database.CreateStore(TimeProvider.System));
        var costs = await MeasureAsync(builder => builder.UseStore(_ => metered), () => (metered.Calls, metered.BytesSent), metered.Reset);
        Print("sqlite", costs);
        AssertDocumented("SQLite", costs);
        AssertReadOnlyIsOneRead(costs, "Load");
        Assert.Equal("Load, Update", costs[1].Detail);
        Assert.Equal("Load, Update", costs[2].Detail);
    }

    [Fact]
    public async Task Distributed_cache_store_read_only_request_is_one_get_and_writes_rewrite_the_whole_entry()
    {
        var cache = new MeteredDistributedCache(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));
        var store = new DistributedCacheSessionRecordStore(cache, Options.Create(new DistributedCacheSessionRecordStoreOptions()), TimeProvider.System);
        var costs = await MeasureAsync(builder => builder.UseStore(_ => store), () => (cache.Calls, cache.BytesSent), cache.Reset);
        Print("distributed cache (memory)", costs);
        AssertDocumented("`IDistributedCache` (memory)", costs);
        AssertReadOnlyIsOneRead(costs, "Get");
        Assert.Equal("Get, Get, Set", costs[1].Detail);
    }

    [Fact]
    public async Task Cached_store_read_only_hit_costs_no_durable_call()
    {
        var cache = new MeteredSessionRecordStore(new MemorySessionRecordStore(TimeProvider.System));
        var durable = new MeteredSessionRecordStore(_database.CreateStore(TimeProvider.System));
        var store = new CachedSessionRecordStore(cache, durable);
        var costs = await MeasureAsync(
            builder => builder.UseStore(_ => store),
            () => ([.. cache.Calls.Select(call => "cache." + call), .. durable.Calls.Select(call => "durable." + call)], cache.BytesSent + durable.BytesSent),
            () =>
            {
                cache.Reset();
                durable.Reset();
            },
            warmCache: true);
        Print("cached (memory over sqlite)", costs);
        AssertDocumented("Cached (memory over SQLite), cache hit", costs);
        AssertReadOnlyIsOneRead(costs, "cache.Load");
    }

    [Fact]
    public async Task Cookie_store_sends_the_session_in_the_cookie_and_touches_no_server_state()
    {
        var cookieBytes = 0L;
        var costs = new List<Cost>();
        await using var app = await SessionTestApp.StartAsync(builder => builder.AddCookieStore());
        var cookie = await app.StartSessionAsync();
        foreach (var (name, method, path) in Requests)
        {
            using var response = await app.SendAsync(method, path, cookie);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Single() : null;
            cookieBytes = Encoding.ASCII.GetByteCount(cookie) + (setCookie is null ? 0 : Encoding.ASCII.GetByteCount(setCookie));
            costs.Add(new Cost(name, 0, setCookie is null ? "cookie in" : "cookie in, cookie out", cookieBytes));
            cookie = setCookie?.Split(';')[0] ?? cookie;
        }

        Print("cookie (bytes: request cookie + Set-Cookie)", costs);
        AssertDocumented("Cookie", costs);
        Assert.Equal("cookie in", costs[0].Detail);
        Assert.Equal("cookie in, cookie out", costs[1].Detail);
    }

    private static readonly (string Name, HttpMethod Method, string Path)[] Requests =
    [
        ("read-only", HttpMethod.Get, "/get/start"),
        ("write one key", HttpMethod.Post, "/set/one/7"),
        ("write ten keys", HttpMethod.Post, "/set-many/10/7"),
    ];

    private static async Task<List<Cost>> MeasureAsync(
        Action<TypedSessionsBuilder> addStore,
        Func<(IReadOnlyList<string> Calls, long Bytes)> read,
        Action reset,
        bool warmCache = false)
    {
        await using var app = await SessionTestApp.StartAsync(addStore);
        var cookie = await app.StartSessionAsync();
        var costs = new List<Cost>();
        foreach (var (name, method, path) in Requests)
        {
            if (warmCache)
            {
                // A cache in front of a store is measured on a hit: fill it first.
                using var warm = await app.SendAsync(HttpMethod.Get, "/get/start", cookie);
            }

            reset();
            using var response = await app.SendAsync(method, path, cookie);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (calls, bytes) = read();
            costs.Add(new Cost(name, calls.Count, string.Join(", ", calls), bytes));
        }

        return costs;
    }

    private static void AssertReadOnlyIsOneRead(List<Cost> costs, string read)
    {
        Assert.Equal("read-only", costs[0].Request);
        Assert.Equal(1, costs[0].Calls);
        Assert.Equal(read, costs[0].Detail);
    }

    private static readonly string[] Columns = ["Read-only", "Write one key", "Write ten keys"];

    private static void AssertDocumented(string store, List<Cost> costs)
    {
        var table = DocumentedCostTable.After("**In-process stores**");
        for (var request = 0; request < costs.Count; request++)
        {
            Assert.True(
                table.Bytes(store, Columns[request]) == costs[request].Bytes,
                $"docs/stores.md states {table.Cell(store, Columns[request])} for {store}, {Columns[request]}; measured {costs[request].Bytes} B.");
            if (table.Calls(store, Columns[request]) is { } calls)
            {
                Assert.Equal(calls, costs[request].Calls);
            }
        }
    }

    private void Print(string store, List<Cost> costs)
    {
        output.WriteLine($"| {store} | request | store calls | calls | bytes sent |");
        foreach (var cost in costs)
        {
            output.WriteLine($"| | {cost.Request} | {cost.Calls} | {cost.Detail} | {cost.Bytes} |");
        }
    }
}
