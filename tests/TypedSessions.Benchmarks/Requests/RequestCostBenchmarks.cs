using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using TypedSessions.LoadApp;

namespace TypedSessions.Benchmarks.Requests;

/// <summary>
/// What a request costs in process, through the whole pipeline (hosting, routing, the session middleware, the endpoint,
/// the JSON response), driven the way Kestrel drives it (<see cref="InProcessConnection"/>), on a session seeded with
/// five keys (one a list of 20 lines) whose cookie every request carries. Four requests: an endpoint that never uses
/// the session, a read-only one, one that writes a key, one that changes a list in place. Each runs on TypedSessions and
/// on Microsoft.AspNetCore.Session over the same memory <c>IDistributedCache</c>, and on a pipeline without sessions,
/// the baseline of its group.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RequestCostBenchmarks
{
    private InProcessApp _none = null!;
    private InProcessApp _typed = null!;
    private InProcessApp _aspNet = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _none = await InProcessApp.StartAsync(LoadSessions.None);
        _typed = await InProcessApp.StartAsync(LoadSessions.Typed);
        _aspNet = await InProcessApp.StartAsync(LoadSessions.AspNet);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _none.DisposeAsync();
        await _typed.DisposeAsync();
        await _aspNet.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "none"), BenchmarkCategory("plain")]
    public Task<int> Plain_none() => _none.SendAsync("GET", "/plain");

    [Benchmark(Description = "TypedSessions"), BenchmarkCategory("plain")]
    public Task<int> Plain_typed() => _typed.SendAsync("GET", "/plain");

    [Benchmark(Description = "AspNetCore.Session"), BenchmarkCategory("plain")]
    public Task<int> Plain_aspnet() => _aspNet.SendAsync("GET", "/plain");

    [Benchmark(Baseline = true, Description = "none"), BenchmarkCategory("read")]
    public Task<int> Read_none() => _none.SendAsync("GET", "/read");

    [Benchmark(Description = "TypedSessions"), BenchmarkCategory("read")]
    public Task<int> Read_typed() => _typed.SendAsync("GET", "/read");

    [Benchmark(Description = "AspNetCore.Session"), BenchmarkCategory("read")]
    public Task<int> Read_aspnet() => _aspNet.SendAsync("GET", "/read");

    [Benchmark(Baseline = true, Description = "none"), BenchmarkCategory("write")]
    public Task<int> Write_none() => _none.SendAsync("POST", "/write");

    [Benchmark(Description = "TypedSessions"), BenchmarkCategory("write")]
    public Task<int> Write_typed() => _typed.SendAsync("POST", "/write");

    [Benchmark(Description = "AspNetCore.Session"), BenchmarkCategory("write")]
    public Task<int> Write_aspnet() => _aspNet.SendAsync("POST", "/write");

    [Benchmark(Baseline = true, Description = "none"), BenchmarkCategory("list")]
    public Task<int> List_none() => _none.SendAsync("POST", "/list");

    [Benchmark(Description = "TypedSessions"), BenchmarkCategory("list")]
    public Task<int> List_typed() => _typed.SendAsync("POST", "/list");

    [Benchmark(Description = "AspNetCore.Session"), BenchmarkCategory("list")]
    public Task<int> List_aspnet() => _aspNet.SendAsync("POST", "/list");
}
