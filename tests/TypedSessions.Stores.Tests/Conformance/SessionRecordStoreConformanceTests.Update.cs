namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    [SkippableFact]
    public async Task Update_sets_changed_keys_deletes_removed_keys_and_keeps_the_rest()
    {
        var id = NewId();
        var loaded = await CreateLiveAsync(id, ("a", "1"), ("b", "2"), ("c", "3"));

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, Update(loaded.Values, InOneHour, set: [("a", "10"), ("d", "4")], removed: ["c"])));

        AssertValues(Values(("a", "10"), ("b", "2"), ("d", "4")), await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public async Task Update_writes_the_new_expiry()
    {
        var id = NewId();
        var loaded = await CreateLiveAsync(id, ("a", "1"));
        var newExpiry = Start.AddDays(30);

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, Update(loaded.Values, newExpiry)));

        Time.Advance(TimeSpan.FromDays(29));
        var reloaded = await Store.LoadRecordAsync(id);
        Assert.NotNull(reloaded);
        Assert.Equal(newExpiry, reloaded.ExpiresAt);
        AssertValues(Values(("a", "1")), reloaded);
    }

    [SkippableFact]
    public async Task Update_of_two_writers_that_loaded_the_same_record_keeps_both_changes()
    {
        var id = NewId();
        var snapshot = await CreateLiveAsync(id, ("a", "1"), ("b", "2"), ("c", "3"));
        var first = Update(snapshot.Values, InOneHour, set: [("a", "10")], removed: ["c"]);
        var second = Update(snapshot.Values, InOneHour, set: [("b", "20"), ("d", "4")]);

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, first));
        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, second));

        // The second writer's view still had a=1 and c=3; only what it changed may overwrite the first writer's work.
        AssertValues(Values(("a", "10"), ("b", "20"), ("d", "4")), await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public async Task Update_after_concurrent_delete_does_not_resurrect()
    {
        var id = NewId();
        var loaded = await CreateLiveAsync(id, ("a", "1"));
        await Store.DeleteAsync(id);

        Assert.Equal(SessionWriteResult.NotFound, await Store.UpdateAsync(id, Update(loaded.Values, InOneHour, set: [("a", "2")])));

        Assert.Null(await Store.LoadRecordAsync(id));
        Assert.False(await Store.ExistsAsync(id));
    }

    [SkippableFact]
    public async Task Update_of_expired_record_returns_false_and_does_not_revive_it()
    {
        var id = NewId();
        Assert.True(await Store.TryCreateAsync(id, Record(Start.AddMinutes(5), ("a", "1"))));
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(SessionWriteResult.NotFound, await Store.UpdateAsync(id, Update(Values(("a", "1")), InOneHour, set: [("a", "2")])));

        // Had the store written the update, its expiry (an hour from now) would make the record live again.
        Assert.Null(await Store.LoadRecordAsync(id));
        Assert.False(await Store.ExistsAsync(id));
    }

    [SkippableFact]
    public async Task Update_that_removes_every_key_leaves_an_empty_live_record()
    {
        var id = NewId();
        var loaded = await CreateLiveAsync(id, ("a", "1"), ("b", "2"));

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, Update(loaded.Values, InOneHour, removed: ["a", "b"])));

        var reloaded = await Store.LoadRecordAsync(id);
        Assert.NotNull(reloaded);
        Assert.Empty(reloaded.Values);
        Assert.True(await Store.ExistsAsync(id));
    }
}
