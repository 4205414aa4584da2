using TypedSessions.Stores;

namespace TypedSessions.Stores.Tests.Conformance;

public abstract partial class SessionRecordStoreConformanceTests
{
    private static readonly SessionChanges NoChanges = new()
    {
        Values = Values(), Changed = Values(), Removed = [], ExpiresAt = DateTimeOffset.MaxValue,
    };

    // Each call with one null argument, named by the parameter the exception must name. A null is a caller's bug: it
    // must fail at once with ArgumentNullException, not reach the server as an empty id or fail later in a driver.
    private static readonly Dictionary<string, (string Parameter, Func<ISessionRecordStore, ValueTask> Call)> NullArgumentCalls =
        new(StringComparer.Ordinal)
        {
            ["LoadAsync(null id)"] = ("recordId", async store => await store.LoadAsync(null!)),
            ["CreateAsync(null id)"] = ("recordId", async store => await store.CreateAsync(null!, new SessionRecord(Values(), DateTimeOffset.MaxValue))),
            ["CreateAsync(null record)"] = ("record", async store => await store.CreateAsync(NewId(), null!)),
            ["UpdateAsync(null id)"] = ("recordId", async store => await store.UpdateAsync(null!, NoChanges)),
            ["UpdateAsync(null changes)"] = ("changes", async store => await store.UpdateAsync(NewId(), null!)),
            ["TouchAsync(null id)"] = ("recordId", async store => await store.TouchAsync(null!, DateTimeOffset.MaxValue)),
            ["DeleteAsync(null id)"] = ("recordId", store => store.DeleteAsync(null!)),
        };

    public static TheoryData<string> NullArgumentCallNames => [.. NullArgumentCalls.Keys];

    [SkippableTheory]
    [MemberData(nameof(NullArgumentCallNames))]
    public async Task A_null_argument_throws_ArgumentNullException_naming_it_and_changes_nothing(string name)
    {
        var (parameter, call) = NullArgumentCalls[name];
        var bystander = NewId();
        await CreateLiveAsync(bystander, ("a", "1"));

        var thrown = await Assert.ThrowsAsync<ArgumentNullException>(async () => await call(Store));

        Assert.Equal(parameter, thrown.ParamName);
        AssertValues(Values(("a", "1")), await Store.LoadRecordAsync(bystander));
    }
}
