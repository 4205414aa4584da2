namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    [SkippableFact]
    public async Task Expiry_is_honoured_to_the_second()
    {
        var id = NewId();
        Assert.True(await Store.TryCreateAsync(id, Record(Start.AddSeconds(60), ("a", "1"))));

        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.NotNull(await Store.LoadRecordAsync(id));

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Store.LoadRecordAsync(id));

        Time.Advance(TimeSpan.FromDays(1));
        Assert.Null(await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public async Task Exists_is_true_only_for_live_records()
    {
        var id = NewId();
        Assert.False(await Store.ExistsAsync(id));

        Assert.True(await Store.TryCreateAsync(id, Record(Start.AddSeconds(60))));
        Assert.True(await Store.ExistsAsync(id));

        Time.Advance(TimeSpan.FromSeconds(59));
        Assert.True(await Store.ExistsAsync(id));

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await Store.ExistsAsync(id));
    }

    [SkippableFact]
    public async Task Delete_removes_the_record()
    {
        var id = NewId();
        await CreateLiveAsync(id, ("a", "1"));

        await Store.DeleteAsync(id);

        Assert.Null(await Store.LoadRecordAsync(id));
        Assert.False(await Store.ExistsAsync(id));
    }

    [SkippableFact]
    public async Task Delete_of_missing_record_is_not_an_error_and_touches_no_other_record()
    {
        var bystander = NewId();
        await CreateLiveAsync(bystander, ("a", "1"));

        await Store.DeleteAsync(NewId());
        await Store.DeleteAsync(NewId());

        AssertValues(Values(("a", "1")), await Store.LoadRecordAsync(bystander));
    }

    [SkippableFact]
    public virtual async Task Clear_expired_deletes_exactly_the_expired_records_and_returns_their_count()
    {
        var expiring = Enumerable.Range(0, 3).Select(_ => NewId()).ToList();
        var lasting = Enumerable.Range(0, 2).Select(_ => NewId()).ToList();
        foreach (var id in expiring)
        {
            Assert.True(await Store.TryCreateAsync(id, Record(Start.AddSeconds(10), ("a", "1"))));
        }

        foreach (var id in lasting)
        {
            Assert.True(await Store.TryCreateAsync(id, Record(Start.AddSeconds(11), ("b", "2"))));
        }

        Time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(3, await Store.ClearExpiredAsync());
        foreach (var id in lasting)
        {
            AssertValues(Values(("b", "2")), await Store.LoadRecordAsync(id));
        }

        Assert.Equal(0, await Store.ClearExpiredAsync());
    }

    [SkippableFact]
    public async Task Clear_expired_on_an_empty_store_returns_zero()
    {
        Assert.Equal(0, await Store.ClearExpiredAsync());
    }
}
