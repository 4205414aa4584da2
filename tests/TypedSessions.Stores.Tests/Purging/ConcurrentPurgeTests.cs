using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Purging;

/// <summary>
/// Three instances of an app, each with a DI container and store connection of its own, run the hosted purge over one
/// store at the same moment (one fake clock moves them all): none fails, each expired session is removed and counted
/// by exactly one of them, so their counts add up to the number that expired, and live sessions stay. A store's
/// subclass registers the shared store in <see cref="AddStore"/>.
/// </summary>
public abstract class ConcurrentPurgeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Instances = 3;
    private const int ExpiredPerRound = 150;
    private const int LivePerRound = 10;

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    private readonly FakeTimeProvider _time = TestClock.New();
    private readonly List<PurgingHost> _hosts = [];

    /// <summary>Registers the store every instance shares, over a connection of the instance's own.</summary>
    protected abstract void AddStore(TypedSessionsBuilder sessions);

    /// <summary>Skips the test (fails it under CI) when the store's server is unavailable.</summary>
    protected virtual void EnsureAvailable()
    {
    }

    [SkippableFact]
    public async Task Instances_purging_one_store_at_the_same_moment_remove_and_count_each_expired_session_once()
    {
        EnsureAvailable();
        for (var i = 0; i < Instances; i++)
        {
            _hosts.Add(await PurgingHost.StartAsync(_time, AddStore, options => options.PurgeInterval = Interval));
        }

        var live = new List<string>();
        for (var round = 1; round <= 2; round++)
        {
            // The first round's sessions come through one instance, so the others meet the store for the first time
            // (and prepare its table) in the middle of the purge; the second round's through all of them.
            var seeders = round == 1 ? _hosts.Take(1).ToList() : _hosts;
            await SeedAsync(seeders, ExpiredPerRound, TimeSpan.FromMinutes(5));
            live.AddRange(await SeedAsync(seeders, LivePerRound, expiry: null));

            _time.Advance(Interval);
            var purges = await Task.WhenAll(_hosts.Select(host => host.WaitForPurgesAsync(round)));

            var counts = purges.Select(purged => purged[round - 1]).ToList();
            output.WriteLine($"Round {round}: removed {string.Join(" + ", counts.Select(count => count?.ToString() ?? "failed"))}");
            Assert.All(counts, count => Assert.NotNull(count));
            Assert.Equal(ExpiredPerRound, counts.Sum());
        }

        Assert.All(_hosts, host => Assert.Empty(host.Problems));
        Assert.Equal(0, await _hosts[0].Manager.ClearExpiredAsync());
        foreach (var key in live)
        {
            Assert.True(await _hosts[^1].Manager.ExistsAsync(key));
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<List<string>> SeedAsync(IReadOnlyList<PurgingHost> through, int count, TimeSpan? expiry)
    {
        var keys = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            keys[i] = await through[i % through.Count].CreateSessionAsync(expiry));
        return [.. keys];
    }
}
