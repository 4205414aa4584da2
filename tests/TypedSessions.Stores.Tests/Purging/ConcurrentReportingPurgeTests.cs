using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;

namespace TypedSessions.Stores.Tests.Purging;

/// <summary>
/// Stores that stand for several instances of an app, each with a connection of its own, run the purge that reports
/// what it deleted (<see cref="ISessionPurgeReporting"/>) at the same moment: their counts add up to the number that
/// expired, every expired record is reported exactly once, with its user, by the instance that deleted it, and live
/// records stay. A store's subclass supplies one store per instance over shared storage.
/// </summary>
public abstract class ConcurrentReportingPurgeTests
{
    private const int Instances = 3;
    private const int ExpiredPerUser = 100;
    private const int Live = 20;

    protected FakeTimeProvider Time { get; } = TestClock.New();

    /// <summary>A store over the shared storage with a connection (pool, data source) of its own, as another instance has.</summary>
    protected abstract ISessionRecordStore CreateInstanceStore();

    /// <summary>Skips the test (fails it under CI) when the store's server is unavailable.</summary>
    protected virtual void EnsureAvailable()
    {
    }

    [SkippableFact]
    public async Task Instances_purging_at_the_same_moment_report_each_expired_record_once_with_its_user()
    {
        EnsureAvailable();
        var stores = Enumerable.Range(0, Instances).Select(_ => CreateInstanceStore()).ToList();
        var expected = new Dictionary<string, string?>();
        foreach (var userId in new[] { "alice", "bob", null })
        {
            foreach (var id in await CreateAsync(stores[0], userId, ExpiredPerUser, Time.GetUtcNow().AddMinutes(5)))
            {
                expected[id] = userId;
            }
        }

        var live = await CreateAsync(stores[0], "alice", Live, Time.GetUtcNow().AddHours(1));
        Time.Advance(TimeSpan.FromMinutes(10));
        var reported = new ConcurrentBag<(int Instance, ExpiredSession Session)>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var purges = stores.Select((store, instance) => Task.Run(async () =>
        {
            await start.Task;
            return await Assert.IsAssignableFrom<ISessionPurgeReporting>(store).ClearExpiredAsync(expired =>
            {
                reported.Add((instance, expired));
                return ValueTask.CompletedTask;
            });
        })).ToList();
        start.SetResult();
        var counts = await Task.WhenAll(purges);

        Assert.Equal(expected.Count, counts.Sum());
        Assert.Equal(expected.Count, reported.Count);
        Assert.Equal(expected.OrderBy(pair => pair.Key, StringComparer.Ordinal), reported.Select(r => KeyValuePair.Create(r.Session.RecordId, r.Session.UserId)).OrderBy(pair => pair.Key, StringComparer.Ordinal));
        for (var instance = 0; instance < Instances; instance++)
        {
            Assert.Equal(counts[instance], reported.Count(r => r.Instance == instance));
        }

        foreach (var id in live)
        {
            Assert.True(await stores[^1].ExistsAsync(id));
        }

        Assert.Equal(0, await Assert.IsAssignableFrom<ISessionPurgeReporting>(stores[1]).ClearExpiredAsync(_ => throw new InvalidOperationException("Nothing is left to report.")));
    }

    private static async Task<List<string>> CreateAsync(ISessionRecordStore store, string? userId, int count, DateTimeOffset expiresAt)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            Assert.True(await store.TryCreateAsync(id, new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, expiresAt) { UserId = userId })));
        return ids;
    }
}
