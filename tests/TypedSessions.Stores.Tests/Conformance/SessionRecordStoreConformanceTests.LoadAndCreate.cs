namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    [SkippableFact]
    public async Task Load_of_unknown_id_returns_null_and_creates_nothing()
    {
        var id = NewId();

        Assert.Null(await Store.LoadRecordAsync(id));

        Assert.False(await Store.ExistsAsync(id));
        Assert.Equal(SessionWriteResult.NotFound, await Store.UpdateAsync(id, Update(Values(), InOneHour, set: [("a", "1")])));
        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour)), "Loading must not have taken the id.");
    }

    [SkippableFact]
    public async Task Create_then_load_round_trips_values_and_expiry()
    {
        var id = NewId();
        var expiresAt = Start.AddDays(14);
        var values = Values(("count", "3"), ("cart", """{"lines":[{"sku":"A-1","qty":2}],"note":null}"""), ("flag", "true"), ("none", "null"));

        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(values, expiresAt)));

        var loaded = await Store.LoadRecordAsync(id);
        AssertValues(values, loaded);
        Assert.Equal(expiresAt, loaded!.ExpiresAt);
    }

    [SkippableFact]
    public async Task Create_then_load_round_trips_unicode_keys_and_values()
    {
        var id = NewId();
        var values = Values(
            ("ключ", "\"значение\""),
            ("日本語", "\"こんにちは\""),
            ("emoji 🍕", "\"🍕 \\u00e9 \\\" quote\""),
            ("key\twith\"escapes\\", "\"tab\\tnewline\\n\""));

        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(values, InOneHour)));

        AssertValues(values, await Store.LoadRecordAsync(id));
    }

    [SkippableFact]
    public async Task Create_then_load_round_trips_a_one_megabyte_value()
    {
        var id = NewId();
        var big = "\"" + string.Create(1 << 20, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        }) + "\"";

        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour, ("big", big), ("small", "1"))));

        var loaded = await Store.LoadRecordAsync(id);
        Assert.NotNull(loaded);
        Assert.Equal(big, loaded.Values["big"]);
        Assert.Equal("1", loaded.Values["small"]);
    }

    [SkippableFact]
    public async Task Create_of_empty_session_round_trips_as_empty()
    {
        var id = NewId();

        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour)));

        var loaded = await Store.LoadRecordAsync(id);
        Assert.NotNull(loaded);
        Assert.Empty(loaded.Values);
    }

    [SkippableFact]
    public async Task Create_with_taken_id_returns_false_and_keeps_the_first_record()
    {
        var id = NewId();
        var firstExpiry = InOneHour;
        Assert.True(await Store.TryCreateAsync(id, Record(firstExpiry, ("owner", "\"first\""))));

        Assert.False(await Store.TryCreateAsync(id, Record(firstExpiry.AddDays(1), ("owner", "\"second\""), ("extra", "1"))));

        var loaded = await Store.LoadRecordAsync(id);
        AssertValues(Values(("owner", "\"first\"")), loaded);
        Assert.Equal(firstExpiry, loaded!.ExpiresAt);
    }

    [SkippableFact]
    public async Task Create_may_take_over_the_id_of_an_expired_record()
    {
        var id = NewId();
        Assert.True(await Store.TryCreateAsync(id, Record(Start.AddMinutes(1), ("owner", "\"old\""), ("stale", "1"))));
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour, ("owner", "\"new\""))));

        var loaded = await Store.LoadRecordAsync(id);
        AssertValues(Values(("owner", "\"new\"")), loaded);
        Assert.Equal(InOneHour, loaded!.ExpiresAt);
    }

    [SkippableFact]
    public async Task Caller_changing_its_dictionary_after_create_does_not_change_the_record()
    {
        var id = NewId();
        var values = Values(("a", "1"));
        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(values, InOneHour)));

        values["a"] = "2";
        values["b"] = "3";

        AssertValues(Values(("a", "1")), await Store.LoadRecordAsync(id));
    }
}
