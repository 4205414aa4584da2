namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    // Whole microseconds past a millisecond: every store keeps the millisecond (Unix ms, or timestamptz microseconds),
    // and no rounding of ticks to microseconds can move it.
    private static readonly TimeSpan SubMillisecond = TimeSpan.FromTicks(4_560);

    [SkippableFact]
    public async Task Created_time_last_saved_time_and_user_id_given_at_create_come_back_from_load()
    {
        var id = NewId();
        var createdAt = Start.AddMinutes(-1).AddMilliseconds(123) + SubMillisecond;
        var savedAt = Start.AddMilliseconds(987) + SubMillisecond;
        var userId = "user:42/Zoë 🍕";

        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(Values(("a", "1")), InOneHour) { CreatedAt = createdAt, LastSavedAt = savedAt, UserId = userId }));

        var loaded = await Store.LoadRecordAsync(id);
        AssertValues(Values(("a", "1")), loaded);
        AssertSameMillisecond(createdAt, loaded!.CreatedAt);
        AssertSameMillisecond(savedAt, loaded.LastSavedAt);
        Assert.Equal(userId, loaded.UserId);
    }

    [SkippableFact]
    public async Task Metadata_not_given_at_create_loads_as_null()
    {
        var id = NewId();

        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour, ("a", "1"))));

        var loaded = await Store.LoadRecordAsync(id);
        Assert.NotNull(loaded);
        Assert.Null(loaded.CreatedAt);
        Assert.Null(loaded.LastSavedAt);
        Assert.Null(loaded.UserId);
    }

    [SkippableFact]
    public async Task Update_with_a_saved_time_moves_the_last_saved_time_and_keeps_created_time_and_user_id()
    {
        var id = NewId();
        var createdAt = Start.AddMilliseconds(111) + SubMillisecond;
        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(Values(("a", "1")), InOneHour) { CreatedAt = createdAt, LastSavedAt = createdAt, UserId = "user-1" }));
        Time.Advance(TimeSpan.FromMinutes(10));
        var savedAt = Time.GetUtcNow().AddMilliseconds(222) + SubMillisecond;

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, WithSavedAt(Update(Values(("a", "1")), InOneHour, set: [("a", "2")]), savedAt)));

        var loaded = await Store.LoadRecordAsync(id);
        AssertValues(Values(("a", "2")), loaded);
        AssertSameMillisecond(savedAt, loaded!.LastSavedAt);
        AssertSameMillisecond(createdAt, loaded.CreatedAt);
        Assert.Equal("user-1", loaded.UserId);
    }

    [SkippableFact]
    public async Task Update_without_a_saved_time_keeps_the_last_saved_time()
    {
        var id = NewId();
        var savedAt = Start.AddMilliseconds(333);
        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(Values(("a", "1")), InOneHour) { LastSavedAt = savedAt }));
        Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, Update(Values(("a", "1")), InOneHour, set: [("a", "2")])));

        var loaded = await Store.LoadRecordAsync(id);
        AssertValues(Values(("a", "2")), loaded);
        AssertSameMillisecond(savedAt, loaded!.LastSavedAt);
    }

    [SkippableFact]
    public async Task Loaded_record_is_in_the_current_format_version_after_create_and_after_update()
    {
        var id = NewId();

        // The store writes its own layout: a version the caller's record claims is not what lands in the store.
        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour, ("a", "1")) with { FormatVersion = SessionRecordFormat.CurrentVersion + 1 }));

        var created = await Store.LoadRecordAsync(id);
        Assert.NotNull(created);
        Assert.Equal(SessionRecordFormat.CurrentVersion, created.FormatVersion);

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, Update(created.Values, InOneHour, set: [("a", "2")])));

        var updated = await Store.LoadRecordAsync(id);
        Assert.NotNull(updated);
        Assert.Equal(SessionRecordFormat.CurrentVersion, updated.FormatVersion);
    }

    /// <summary>The same instant to the millisecond (truncated): the precision every store keeps.</summary>
    protected static void AssertSameMillisecond(DateTimeOffset expected, DateTimeOffset? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ToUnixTimeMilliseconds(), actual.Value.ToUnixTimeMilliseconds());
    }

    /// <summary><paramref name="changes"/> as the engine sends them, with the time of the save.</summary>
    protected static SessionChanges WithSavedAt(SessionChanges changes, DateTimeOffset savedAt) => new()
    {
        Values = changes.Values,
        Changed = changes.Changed,
        Removed = changes.Removed,
        ExpiresAt = changes.ExpiresAt,
        ExpectedValues = changes.ExpectedValues,
        HasChanges = true,
        SavedAt = savedAt,
    };
}
