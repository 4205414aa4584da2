namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    [SkippableFact]
    public async Task Touch_moves_the_expiry_and_keeps_the_values_and_the_metadata()
    {
        var id = NewId();
        var createdAt = Start.AddMinutes(-20);
        var savedAt = Start.AddMinutes(-5);
        var values = Values(("a", "1"), ("cart", """{"lines":[1,2]}"""));
        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(values, InOneHour) { CreatedAt = createdAt, LastSavedAt = savedAt, UserId = "user-7" }));
        var newExpiry = Start.AddDays(2).AddMilliseconds(345);

        Assert.Equal(SessionWriteResult.Written, await Store.TouchAsync(id, newExpiry));

        var loaded = await Store.LoadRecordAsync(id);
        AssertValues(values, loaded);
        Assert.Equal(newExpiry, loaded!.ExpiresAt);
        AssertSameMillisecond(savedAt, loaded.LastSavedAt);
        AssertSameMillisecond(createdAt, loaded.CreatedAt);
        Assert.Equal("user-7", loaded.UserId);
    }

    [SkippableFact]
    public async Task Touched_record_lives_past_its_old_expiry_until_the_new_one()
    {
        var id = NewId();
        Assert.True(await Store.TryCreateAsync(id, Record(Start.AddMinutes(1), ("a", "1"))));
        Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(SessionWriteResult.Written, await Store.TouchAsync(id, Start.AddMinutes(10)));

        Time.SetUtcNow(Start.AddMinutes(5));
        AssertValues(Values(("a", "1")), await Store.LoadRecordAsync(id));

        Time.SetUtcNow(Start.AddMinutes(10).AddSeconds(-1));
        AssertValues(Values(("a", "1")), await Store.LoadRecordAsync(id));

        Time.SetUtcNow(Start.AddMinutes(10));
        Assert.Null(await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public async Task Touch_of_a_missing_record_returns_not_found_and_creates_nothing()
    {
        var id = NewId();

        Assert.Equal(SessionWriteResult.NotFound, await Store.TouchAsync(id, InOneHour));

        Assert.Null(await Store.LoadRecordAsync(id));
        Assert.Equal(SessionWriteResult.NotFound, await Store.UpdateAsync(id, Update(Values(), InOneHour, set: [("a", "1")])));
        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour)), "The touch must not have taken the id.");
    }

    [SkippableFact]
    public async Task Touch_of_a_deleted_record_returns_not_found_and_does_not_resurrect_it()
    {
        var id = NewId();
        await CreateLiveAsync(id, ("a", "1"));
        await Store.DeleteAsync(id);

        Assert.Equal(SessionWriteResult.NotFound, await Store.TouchAsync(id, InOneHour));

        Assert.Null(await Store.LoadRecordAsync(id));
        Assert.False(await Store.ExistsAsync(id));
    }

    [SkippableFact]
    public async Task Touch_of_an_expired_record_returns_not_found_and_does_not_revive_it()
    {
        var id = NewId();
        Assert.True(await Store.TryCreateAsync(id, Record(Start.AddMinutes(5), ("a", "1"))));
        Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(SessionWriteResult.NotFound, await Store.TouchAsync(id, InOneHour));

        // Had the store moved the expiry, the record would be live again for an hour.
        Assert.Null(await Store.LoadRecordAsync(id));
        Assert.False(await Store.ExistsAsync(id));
        Assert.Equal(SessionWriteResult.NotFound, await Store.UpdateAsync(id, Update(Values(("a", "1")), InOneHour, set: [("a", "2")])));
    }

    [SkippableFact]
    public async Task Touch_after_an_update_keeps_the_updated_values_and_last_saved_time()
    {
        var id = NewId();
        var snapshot = await CreateLiveAsync(id, ("a", "1"), ("b", "2"));
        Time.Advance(TimeSpan.FromMinutes(3));
        var savedAt = Time.GetUtcNow();
        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, WithSavedAt(Update(snapshot.Values, InOneHour, set: [("a", "10")], removed: ["b"]), savedAt)));

        // The touching request loaded the record before the update: its view (a=1, b=2) must not come back.
        Assert.Equal(SessionWriteResult.Written, await Store.TouchAsync(id, Start.AddDays(1)));

        var loaded = await Store.LoadRecordAsync(id);
        AssertValues(Values(("a", "10")), loaded);
        Assert.Equal(Start.AddDays(1), loaded!.ExpiresAt);
        AssertSameMillisecond(savedAt, loaded.LastSavedAt);
    }

    [SkippableFact]
    public async Task Touches_racing_updates_of_one_record_lose_none_of_the_updates()
    {
        var id = NewId();
        var snapshot = await CreateLiveAsync(id, ("shared", "0"));

        // Even writers update a key of their own, odd ones touch: a touch that rewrote the data it read would drop keys.
        var results = await RunTogetherAsync(Writers, async i => i % 2 == 0
            ? await Store.UpdateAsync(id, Update(snapshot.Values, InOneHour, set: [($"k{i}", "1")]))
            : await Store.TouchAsync(id, InOneHour.AddMinutes(i)));

        Assert.All(results, result => Assert.Equal(SessionWriteResult.Written, result));
        var expected = Values([("shared", "0"), .. Enumerable.Range(0, Writers).Where(i => i % 2 == 0).Select(i => ($"k{i}", "1"))]);
        AssertValues(expected, await Store.LoadRecordAsync(id));
    }
}
