using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Benchmarks.Commit;

/// <summary>
/// What a save costs for a session of 1, 10 and 100 keys when one key changed, against the same save when every key
/// changed (the baseline is the one-key save of the same size): a save serializes and writes only what changed, so
/// the one-key rows show what still grows with the session's size, and the every-key rows what changed keys cost.
/// Three settings: the commit alone, on a session kept open over the memory store; a whole request's session work on
/// the memory store (open, change, save); and the commit alone over a memory <c>IDistributedCache</c>, which holds a
/// session as one blob and so re-encodes every key on each save.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CommitBenchmarks
{
    private Fixture _memory = null!;
    private Fixture _distributedCache = null!;
    private Session _openOnMemory = null!;
    private Session _openOnDistributedCache = null!;
    private string[] _names = [];
    private int _version;

    [Params(1, 10, 100)]
    public int Keys { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _names = [.. Enumerable.Range(0, Keys).Select(i => $"key-{i}")];
        _memory = await Fixture.StartAsync(_names, builder => builder.AddMemoryStore());
        _distributedCache = await Fixture.StartAsync(_names, builder =>
        {
            builder.Services.AddDistributedMemoryCache();
            builder.AddDistributedCacheStore();
        });
        _openOnMemory = await _memory.Manager.OpenAsync(_memory.Key);
        _openOnDistributedCache = await _distributedCache.Manager.OpenAsync(_distributedCache.Key);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _memory.Services.DisposeAsync();
        await _distributedCache.Services.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "one key changed"), BenchmarkCategory("commit")]
    public ValueTask Commit_one_changed() => ChangeAndSaveAsync(_openOnMemory, changed: 1);

    [Benchmark(Description = "every key changed"), BenchmarkCategory("commit")]
    public ValueTask Commit_every_changed() => ChangeAndSaveAsync(_openOnMemory, changed: Keys);

    [Benchmark(Baseline = true, Description = "one key changed"), BenchmarkCategory("open, change, save")]
    public async Task Open_one_changed() => await ChangeAndSaveAsync(await _memory.Manager.OpenAsync(_memory.Key), changed: 1);

    [Benchmark(Description = "every key changed"), BenchmarkCategory("open, change, save")]
    public async Task Open_every_changed() => await ChangeAndSaveAsync(await _memory.Manager.OpenAsync(_memory.Key), changed: Keys);

    [Benchmark(Baseline = true, Description = "one key changed"), BenchmarkCategory("commit, IDistributedCache")]
    public ValueTask Blob_one_changed() => ChangeAndSaveAsync(_openOnDistributedCache, changed: 1);

    [Benchmark(Description = "every key changed"), BenchmarkCategory("commit, IDistributedCache")]
    public ValueTask Blob_every_changed() => ChangeAndSaveAsync(_openOnDistributedCache, changed: Keys);

    // A new version each time, so every save has a change to write.
    private ValueTask ChangeAndSaveAsync(Session session, int changed)
    {
        var version = ++_version;
        for (var i = 0; i < changed; i++)
        {
            session.Set(_names[i], new CommitValue(version, "changed"));
        }

        return session.SaveAsync();
    }

    private sealed record Fixture(ServiceProvider Services, ISessionManager Manager, string Key)
    {
        public static async Task<Fixture> StartAsync(string[] names, Action<TypedSessionsBuilder> addStore)
        {
            var builder = new ServiceCollection().AddLogging().AddTypedSessions();
            addStore(builder);
            var services = builder.Services.BuildServiceProvider();
            var manager = services.GetRequiredService<ISessionManager>();
            var session = await manager.CreateAsync();
            foreach (var name in names)
            {
                session.Set(name, new CommitValue(0, "seeded"));
            }

            await session.SaveAsync();
            return new Fixture(services, manager, session.Key!);
        }
    }
}
