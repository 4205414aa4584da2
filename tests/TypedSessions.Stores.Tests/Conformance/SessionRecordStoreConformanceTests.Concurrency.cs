namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    private const int Writers = 50;
    private const int Rounds = 5;

    [SkippableFact]
    public async Task Concurrent_updates_of_different_keys_of_one_record_all_survive()
    {
        var id = NewId();
        var snapshot = await CreateLiveAsync(id, ("shared", "0"));

        // Every writer saves its own key several times, so that read-merge-write cycles really interleave.
        var results = await RunTogetherAsync(Writers, async i =>
        {
            var saved = true;
            for (var round = 1; round <= Rounds; round++)
            {
                saved &= await Store.UpdateAsync(id, Update(snapshot.Values, InOneHour, set: [($"k{i}", $"{round}")])) == SessionWriteResult.Written;
            }

            return saved;
        });

        Assert.All(results, Assert.True);
        var expected = Values([("shared", "0"), .. Enumerable.Range(0, Writers).Select(i => ($"k{i}", $"{Rounds}"))]);
        AssertValues(expected, await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public async Task Concurrent_creates_of_one_id_let_exactly_one_win()
    {
        var id = NewId();

        var results = await RunTogetherAsync(Writers, async i => await Store.TryCreateAsync(id, Record(InOneHour, ("writer", $"{i}"))));

        var winner = Assert.Single(Enumerable.Range(0, Writers), i => results[i]);
        AssertValues(Values(("writer", $"{winner}")), await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public async Task Concurrent_creates_of_different_ids_all_succeed()
    {
        var ids = Enumerable.Range(0, Writers).Select(_ => NewId()).ToList();

        var results = await RunTogetherAsync(Writers, async i => await Store.TryCreateAsync(ids[i], Record(InOneHour, ("n", $"{i}"))));

        Assert.All(results, Assert.True);
        for (var i = 0; i < ids.Count; i++)
        {
            AssertValues(Values(("n", $"{i}")), await Store.LoadRecordAsync(ids[i]));
        }
    }

    [SkippableFact]
    public async Task Updates_racing_a_delete_never_resurrect_the_record()
    {
        var id = NewId();
        var snapshot = await CreateLiveAsync(id, ("a", "0"));

        await RunTogetherAsync(Writers + 1, async i =>
        {
            if (i == Writers / 2)
            {
                await Store.DeleteAsync(id);
                return true;
            }

            return await Store.UpdateAsync(id, Update(snapshot.Values, InOneHour, set: [($"k{i}", "1")])) == SessionWriteResult.Written;
        });

        Assert.Null(await Store.LoadRecordAsync(id));
        Assert.False(await Store.ExistsAsync(id));
    }

    // Starts every task on the thread pool and releases them at once, for as much overlap as two cores allow.
    private static async Task<T[]> RunTogetherAsync<T>(int count, Func<int, Task<T>> work)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await work(i);
        })).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }
}
