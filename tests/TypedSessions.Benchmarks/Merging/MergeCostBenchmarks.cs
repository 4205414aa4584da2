using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Benchmarks.Merging;

/// <summary>
/// What merging costs a save in process, on the memory store, against <see cref="SessionConcurrency.LastWriterWins"/>
/// as the baseline: a save nobody raced (open a cart of 20 lines, raise one quantity, save), and a save that finds
/// another line raised meanwhile (two sessions opened together, both saved), which under Merge reloads, merges and
/// writes again.
/// </summary>
[MemoryDiagnoser]
public class MergeCostBenchmarks
{
    private const int Lines = 20;

    private Fixture _lastWriterWins = null!;
    private Fixture _merge = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _lastWriterWins = await Fixture.StartAsync(SessionConcurrency.LastWriterWins);
        _merge = await Fixture.StartAsync(SessionConcurrency.Merge);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _lastWriterWins.Services.DisposeAsync();
        await _merge.Services.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task LastWriterWins_save_nobody_raced() => SaveAloneAsync(_lastWriterWins);

    [Benchmark]
    public Task Merge_save_nobody_raced() => SaveAloneAsync(_merge);

    [Benchmark]
    public Task LastWriterWins_two_saves_raced() => SaveRacedAsync(_lastWriterWins);

    [Benchmark]
    public Task Merge_two_saves_raced() => SaveRacedAsync(_merge);

    private static async Task SaveAloneAsync(Fixture fixture)
    {
        var session = await fixture.Manager.OpenAsync(fixture.Key);
        session.GetState<BenchmarkCart>().Lines[3].Quantity++;
        await session.SaveAsync();
    }

    private static async Task SaveRacedAsync(Fixture fixture)
    {
        var first = await fixture.Manager.OpenAsync(fixture.Key);
        var second = await fixture.Manager.OpenAsync(fixture.Key);
        first.GetState<BenchmarkCart>().Lines[3].Quantity++;
        second.GetState<BenchmarkCart>().Lines[7].Quantity++;
        await first.SaveAsync();
        await second.SaveAsync();
    }

    private sealed record Fixture(ServiceProvider Services, ISessionManager Manager, string Key)
    {
        public static async Task<Fixture> StartAsync(SessionConcurrency concurrency)
        {
            var services = new ServiceCollection()
                .AddLogging()
                .AddTypedSessions(options => options.Concurrency = concurrency)
                .AddMemoryStore()
                .Services
                .BuildServiceProvider();
            var manager = services.GetRequiredService<ISessionManager>();
            var session = await manager.CreateAsync();
            session.GetState<BenchmarkCart>().Lines.AddRange(Enumerable.Range(1, Lines).Select(id => new BenchmarkCartLine { ProductId = id, Name = $"Product {id}", Quantity = 1 }));
            await session.SaveAsync();
            return new Fixture(services, manager, session.Key!);
        }
    }
}
