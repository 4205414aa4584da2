namespace TypedSessions.Stores.Tests.Conformance;

/// <summary>
/// Corrupted data: a record whose stored form the store cannot decode (damage, tampering) loads as unreadable, never as
/// found and never by throwing, so the engine opens an empty session and logs it; it is no obstacle to other records,
/// and once deleted its id takes a new record. The engine never writes to the id of a record it could not read (the
/// session opens keyless and saves under a fresh key), so a create or an update that reaches one anyway may either
/// replace it or refuse, as each store's format allows, but never throws and never leaves a mixture of old and new.
/// </summary>
public abstract partial class SessionRecordStoreConformanceTests
{
    /// <summary>
    /// Overwrites the stored form of the live record <paramref name="recordId"/> with data that cannot be decoded, in the
    /// store's own format and bypassing the store (raw SQL, a raw HSET, raw cache bytes).
    /// </summary>
    protected abstract Task CorruptStoredRecordAsync(string recordId);

    [SkippableFact]
    public virtual async Task Corrupted_record_loads_as_unreadable_and_never_throws()
    {
        var id = NewId();
        await CreateLiveAsync(id, ("user", "42"));
        await CorruptStoredRecordAsync(id);

        var loaded = await Store.LoadAsync(id);

        Assert.False(loaded.IsFound);
        Assert.Null(loaded.Record);
        Assert.True(loaded.IsUnreadable);
        Assert.False(string.IsNullOrWhiteSpace(loaded.Problem));
    }

    [SkippableFact]
    public virtual async Task Corrupted_record_leaves_other_records_readable_and_writable()
    {
        var corrupted = NewId();
        var other = NewId();
        await CreateLiveAsync(corrupted, ("user", "42"));
        await CreateLiveAsync(other, ("user", "7"));
        await CorruptStoredRecordAsync(corrupted);

        var fresh = NewId();
        Assert.True(await Store.TryCreateAsync(fresh, Record(InOneHour, ("user", "42"))));

        AssertValues(Values(("user", "7")), await Store.LoadRecordAsync(other));
        AssertValues(Values(("user", "42")), await Store.LoadRecordAsync(fresh));
    }

    [SkippableFact]
    public virtual async Task Corrupted_record_once_deleted_is_replaced_by_the_next_create()
    {
        var id = NewId();
        await CreateLiveAsync(id, ("user", "42"));
        await CorruptStoredRecordAsync(id);

        await Store.DeleteAsync(id);

        Assert.False((await Store.LoadAsync(id)).IsUnreadable);
        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour, ("user", "7"))));
        AssertValues(Values(("user", "7")), await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public virtual async Task Create_over_a_corrupted_record_replaces_it_or_reports_the_id_taken()
    {
        var id = NewId();
        await CreateLiveAsync(id, ("user", "42"));
        await CorruptStoredRecordAsync(id);

        var created = await Store.CreateAsync(id, Record(InOneHour, ("user", "7")));

        // The distributed cache has no way to tell a damaged entry from none; the other stores keep the id taken.
        Assert.Contains(created, new[] { SessionWriteResult.Written, SessionWriteResult.IdTaken });
        var loaded = await Store.LoadAsync(id);
        if (created == SessionWriteResult.Written)
        {
            AssertValues(Values(("user", "7")), loaded.Record);
        }
        else
        {
            Assert.True(loaded.IsUnreadable);
        }
    }

    [SkippableFact]
    public virtual async Task Update_over_a_corrupted_record_writes_the_whole_view_or_reports_it_not_found()
    {
        var id = NewId();
        await CreateLiveAsync(id, ("user", "42"), ("cart", "[1]"));
        await CorruptStoredRecordAsync(id);

        var updated = await Store.UpdateAsync(id, Update(Values(("cart", "[1]")), InOneHour, set: [("user", "8")]));

        // PostgreSQL merges into the stored object, so it cannot write over data that is not one.
        Assert.Contains(updated, new[] { SessionWriteResult.Written, SessionWriteResult.NotFound });
        var loaded = await Store.LoadAsync(id);
        if (updated == SessionWriteResult.Written)
        {
            AssertValues(Values(("cart", "[1]"), ("user", "8")), loaded.Record);
        }
        else
        {
            Assert.True(loaded.IsUnreadable);
        }
    }
}
