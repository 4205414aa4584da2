namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    private static readonly Dictionary<string, string> HostileIds = new(StringComparer.Ordinal)
    {
        ["overlong"] = new string('a', 10_000),
        ["single quote"] = "'",
        ["double quote"] = "\"",
        ["sql injection"] = "'; DROP TABLE typed_sessions; --",
        ["sql injection, double-quoted"] = "\"; DELETE FROM \"typed_sessions\"; --",
        ["like wildcards"] = "%_%",
        ["nul"] = "\0",
        ["nul inside"] = "abc\0def",
        ["non-ascii"] = "ключ-日本-🍕",
        ["lone surrogate"] = "\ud800",
        ["whitespace"] = " \t\r\n",
    };

    public static TheoryData<string> HostileIdNames => [.. HostileIds.Keys];

    [SkippableTheory]
    [MemberData(nameof(HostileIdNames))]
    public async Task Hostile_id_behaves_as_a_plain_unknown_id(string name)
    {
        var id = HostileIds[name];
        var bystander = NewId();
        await CreateLiveAsync(bystander, ("a", "1"));

        Assert.Null(await Store.LoadRecordAsync(id));
        Assert.False(await Store.ExistsAsync(id));
        Assert.Equal(SessionWriteResult.NotFound, await Store.UpdateAsync(id, Update(Values(), InOneHour, set: [("x", "1")])));
        await Store.DeleteAsync(id);

        Assert.True(await Store.TryCreateAsync(id, Record(InOneHour, ("x", "2"))));
        AssertValues(Values(("x", "2")), await Store.LoadRecordAsync(id));
        AssertValues(Values(("a", "1")), await Store.LoadRecordAsync(bystander));
        Assert.Equal(0, await Store.ClearExpiredAsync());
    }

    [SkippableFact]
    public async Task Ids_that_differ_only_after_a_nul_are_distinct()
    {
        Assert.True(await Store.TryCreateAsync("abc\0def", Record(InOneHour, ("x", "1"))));

        Assert.Null(await Store.LoadRecordAsync("abc"));
        Assert.Null(await Store.LoadRecordAsync("abc\0xyz"));
        Assert.True(await Store.TryCreateAsync("abc", Record(InOneHour, ("x", "2"))));
        AssertValues(Values(("x", "1")), await Store.LoadRecordAsync("abc\0def"));
    }

    // Not the engine's 64-hex form, so a store that stores other ids transformed (hashed or escaped) is held to it too.
    [SkippableFact]
    public async Task Ids_that_differ_in_one_character_anywhere_are_distinct()
    {
        var id = "session:" + NewId()[..8];
        var ids = Enumerable.Range(0, id.Length).Select(i => id[..i] + "#" + id[(i + 1)..]).Prepend(id).ToList();

        for (var n = 0; n < ids.Count; n++)
        {
            Assert.True(await Store.TryCreateAsync(ids[n], Record(InOneHour, ("n", $"{n}"))), $"'{ids[n]}' was taken by an earlier id.");
        }

        for (var n = 0; n < ids.Count; n++)
        {
            AssertValues(Values(("n", $"{n}")), await Store.LoadRecordAsync(ids[n]));
        }
    }

    [SkippableFact]
    public async Task Ids_are_compared_exactly_not_case_insensitively_or_by_pattern()
    {
        var id = NewId();
        await CreateLiveAsync(id, ("a", "1"));

        Assert.Null(await Store.LoadRecordAsync(id.ToUpperInvariant()));
        Assert.Null(await Store.LoadRecordAsync(id[..^1] + "_"));
        Assert.Null(await Store.LoadRecordAsync(id[..^1] + "%"));
        Assert.Null(await Store.LoadRecordAsync(id + " "));
    }
}
