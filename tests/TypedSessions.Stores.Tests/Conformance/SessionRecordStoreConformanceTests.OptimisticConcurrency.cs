using System.Globalization;

namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    private const int IncrementingWriters = 30;
    private const int IncrementsPerWriter = 2;

    // Bounds a writer that keeps conflicting, so that a store that never lets a save through fails instead of hanging.
    private const int MaxAttemptsPerWriter = 1_000;

    [SkippableFact]
    public async Task Concurrent_optimistic_increments_of_one_key_count_every_reported_success_exactly_once()
    {
        var id = NewId();
        await CreateLiveAsync(id, ("count", "0"), ("other", "\"kept\""));

        // Each writer loads and increments once: whoever loaded a value someone else has since replaced must conflict.
        var (store, rendezvous) = SavesHeldUntilEveryWriterHasLoaded(Writers);
        var results = await RunTogetherAsync(Writers, _ => TryIncrementAsync(store, id));
        Assert.True(rendezvous.Released.IsCompleted, "The writers' saves did not all reach the store together.");

        Assert.All(results, result => Assert.True(result is SessionWriteResult.Written or SessionWriteResult.Conflict, $"Unexpected {result}."));
        var updated = results.Count(result => result == SessionWriteResult.Written);
        Assert.InRange(updated, 1, Writers);
        var stored = await Store.LoadRecordAsync(id);
        Assert.Equal(updated, CountOf(stored));
        Assert.Equal("\"kept\"", stored!.Values["other"]);
    }

    [SkippableFact]
    public async Task Optimistic_increments_under_real_concurrency_never_lose_or_double_count()
    {
        var id = NewId();
        await CreateLiveAsync(id, ("count", "0"));

        // Each writer retries on conflict until it has incremented its share: load, add one, save expecting the loaded value.
        var (store, rendezvous) = SavesHeldUntilEveryWriterHasLoaded(IncrementingWriters);
        var successes = await RunTogetherAsync(IncrementingWriters, async _ =>
        {
            var done = 0;
            for (var attempt = 0; done < IncrementsPerWriter && attempt < MaxAttemptsPerWriter; attempt++)
            {
                var result = await TryIncrementAsync(store, id);
                Assert.True(result is SessionWriteResult.Written or SessionWriteResult.Conflict, $"Unexpected {result}.");
                done += result == SessionWriteResult.Written ? 1 : 0;
            }

            return done;
        });

        Assert.True(rendezvous.Released.IsCompleted, "The writers' saves did not all reach the store together.");
        Assert.Equal(successes.Sum(), CountOf(await Store.LoadRecordAsync(id)));
        Assert.All(successes, done => Assert.Equal(IncrementsPerWriter, done));
    }

    // The store under test with the writers' first saves held until all have arrived, so every writer has loaded the
    // same value and races the others' saves, even on a store that completes synchronously (the memory store).
    private (ISessionRecordStore Store, StoreRendezvous Rendezvous) SavesHeldUntilEveryWriterHasLoaded(int writers)
    {
        var rendezvous = new StoreRendezvous();
        rendezvous.Arm(GatedStoreCall.Update, writers);
        return (new RendezvousSessionRecordStore(Store, rendezvous), rendezvous);
    }

    // One optimistic read-modify-write of "count", as the engine sends it: the loaded JSON is the expected value.
    private async Task<SessionWriteResult> TryIncrementAsync(ISessionRecordStore store, string id)
    {
        var loaded = await store.LoadRecordAsync(id);
        Assert.NotNull(loaded);
        var count = loaded.Values["count"];
        var next = (int.Parse(count, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);
        return await store.UpdateAsync(id, Optimistic(Update(loaded.Values, InOneHour, set: [("count", next)]), ("count", count)));
    }

    private static int CountOf(SessionRecord? record)
    {
        Assert.NotNull(record);
        return int.Parse(record.Values["count"], CultureInfo.InvariantCulture);
    }
}
