namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    private static SessionChanges Optimistic(SessionChanges update, params (string Key, string? Json)[] expected)
        => new()
        {
            Values = update.Values,
            Changed = update.Changed,
            Removed = update.Removed,
            ExpiresAt = update.ExpiresAt,
            ExpectedValues = expected.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal),
        };

    [SkippableFact]
    public async Task Optimistic_update_applies_when_the_changed_keys_still_hold_what_was_loaded()
    {
        var id = NewId();
        var loaded = await CreateLiveAsync(id, ("a", "1"), ("b", "2"));

        var update = Optimistic(Update(loaded.Values, InOneHour, set: [("a", "10"), ("new", "5")]), ("a", "1"), ("new", null));

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, update));
        AssertValues(Values(("a", "10"), ("b", "2"), ("new", "5")), await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public async Task Optimistic_update_of_a_key_changed_concurrently_is_a_conflict_and_writes_nothing()
    {
        var id = NewId();
        var snapshot = await CreateLiveAsync(id, ("a", "1"), ("b", "2"));
        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, Optimistic(Update(snapshot.Values, InOneHour, set: [("a", "\"first\"")]), ("a", "1"))));

        var late = Optimistic(Update(snapshot.Values, Start.AddDays(1), set: [("a", "\"second\""), ("b", "20")]), ("a", "1"), ("b", "2"));

        Assert.Equal(SessionWriteResult.Conflict, await Store.UpdateAsync(id, late));
        var stored = await Store.LoadRecordAsync(id);
        AssertValues(Values(("a", "\"first\""), ("b", "2")), stored);
        Assert.Equal(InOneHour, stored!.ExpiresAt);
    }

    [SkippableFact]
    public async Task Optimistic_update_of_a_key_created_concurrently_is_a_conflict()
    {
        var id = NewId();
        var snapshot = await CreateLiveAsync(id, ("a", "1"));
        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, Update(snapshot.Values, InOneHour, set: [("x", "1")])));

        var late = Optimistic(Update(snapshot.Values, InOneHour, set: [("x", "2")]), ("x", null));

        Assert.Equal(SessionWriteResult.Conflict, await Store.UpdateAsync(id, late));
    }

    [SkippableFact]
    public async Task Optimistic_updates_of_different_keys_both_apply()
    {
        var id = NewId();
        var snapshot = await CreateLiveAsync(id, ("a", "1"), ("b", "2"));

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, Optimistic(Update(snapshot.Values, InOneHour, set: [("a", "10")]), ("a", "1"))));
        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, Optimistic(Update(snapshot.Values, InOneHour, removed: ["b"]), ("b", "2"))));

        AssertValues(Values(("a", "10")), await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public async Task Optimistic_update_of_a_deleted_record_is_not_found_rather_than_a_conflict()
    {
        var id = NewId();
        var snapshot = await CreateLiveAsync(id, ("a", "1"));
        await Store.DeleteAsync(id);

        var update = Optimistic(Update(snapshot.Values, InOneHour, set: [("a", "2")]), ("a", "1"));

        Assert.Equal(SessionWriteResult.NotFound, await Store.UpdateAsync(id, update));
        Assert.Null(await Store.LoadRecordAsync(id));
    }
}
