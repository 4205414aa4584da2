using TypedSessions.Merging;
using TypedSessions.Stores;
using static TypedSessions.Tests.Merging.MergeKit;

namespace TypedSessions.Tests.Merging;

/// <summary>
/// The rules a key declares (<see cref="JsonMergeRules.ForKey"/>) applied to its whole value: an element's identity is
/// never added up, a declared identity falls back to the <c>Id</c> convention in arrays whose elements lack it, and a
/// stored value that is no JSON is one conflict settled by the policy instead of an exception.
/// </summary>
public sealed class DeclaredRulesMergeTests
{
    [Fact]
    public void Two_saves_adding_the_same_first_line_under_sum_add_its_count_but_keep_its_identity()
    {
        var line = """[{"productId":7,"count":1}]""";

        var result = Merge(null, line, line, JsonMergeRules.ForKey("productId", SessionConflict.Sum));

        Assert.Equal("""[{"productId":7,"count":2}]""", result.Json);
        Assert.Equal("$[productId=7].count", SingleConflict(result).Path);
    }

    [Fact]
    public void Under_sum_the_id_convention_is_never_added_up_either()
    {
        var line = """[{"id":3,"count":2}]""";

        var result = Merge("[]", line, line, JsonMergeRules.ForKey(null, SessionConflict.Sum));

        Assert.Equal("""[{"id":3,"count":4}]""", result.Json);
    }

    [Fact]
    public void A_nested_array_whose_elements_lack_the_declared_identity_keeps_the_id_convention()
    {
        const string Base = """{"lines":[{"sku":"a"}],"payments":[{"id":1,"state":"new"},{"id":2,"state":"new"}]}""";
        const string Ours = """{"lines":[{"sku":"a"}],"payments":[{"id":1,"state":"mine"},{"id":2,"state":"new"}]}""";
        const string Theirs = """{"lines":[{"sku":"a"}],"payments":[{"id":1,"state":"theirs"},{"id":2,"state":"new"}]}""";

        var result = Merge(Base, Ours, Theirs, JsonMergeRules.ForKey("sku", SessionConflict.LastWriterWins));

        Assert.Equal(Ours, result.Json);
        Assert.Equal("$.payments[id=1].state", SingleConflict(result).Path);
    }

    [Fact]
    public void The_declared_identity_comes_before_the_convention()
    {
        const string Base = """[{"id":1,"sku":"a","n":1}]""";

        // Ours changed the line's id: by sku it is still the same line, so theirs' change of n merges into it.
        var result = Merge(Base, """[{"id":9,"sku":"a","n":1}]""", """[{"id":1,"sku":"a","n":5}]""", JsonMergeRules.ForKey("sku", SessionConflict.LastWriterWins));

        Clean("""[{"id":9,"sku":"a","n":5}]""", result);
    }

    [Theory]
    [InlineData(SessionConflict.LastWriterWins, false)]
    [InlineData(SessionConflict.Sum, false)]
    [InlineData(SessionConflict.Reject, true)]
    public void A_stored_value_that_is_no_json_is_one_conflict_settled_by_the_policy(SessionConflict policy, bool rejected)
    {
        var ours = Changes(loaded: "{broken", written: "[1]");

        var rebase = SessionChangesMerge.Rebase(ours, new Dictionary<string, string> { ["k"] = "{broken too" }, _ => JsonMergeRules.ForKey(null, policy));

        var conflict = Assert.Single(rebase.Conflicts);
        Assert.Equal(("k", "$"), (conflict.Key, conflict.Conflict.Path));
        Assert.Equal(rejected, rebase.Changes is null);
        Assert.Equal(rejected ? ["k"] : [], rebase.RejectedKeys);
        if (!rejected)
        {
            Assert.Equal("[1]", rebase.Changes!.Changed["k"]);
            Assert.Equal("{broken too", rebase.Changes.ExpectedValues!["k"]);
        }
    }

    [Fact]
    public void Keys_written_without_an_expectation_are_carried_through_a_rebase_as_they_are()
    {
        var ours = new SessionChanges
        {
            Values = new Dictionary<string, string> { ["k"] = "[1,2]", ["n"] = "5" },
            Changed = new Dictionary<string, string> { ["k"] = "[1,2]", ["n"] = "5" },
            Removed = ["gone"],
            ExpiresAt = DateTimeOffset.UnixEpoch,
            ExpectedValues = new Dictionary<string, string?> { ["k"] = "[1]" },
            HasChanges = true,
        };

        var rebase = SessionChangesMerge.Rebase(ours, new Dictionary<string, string> { ["k"] = "[0,1]", ["n"] = "4", ["gone"] = "1" }, _ => JsonMergeRules.Default);

        Assert.Equal(new Dictionary<string, string> { ["k"] = "[0,1,2]", ["n"] = "5" }, rebase.Changes!.Changed);
        Assert.Equal(["gone"], rebase.Changes.Removed);
        Assert.Equal(new Dictionary<string, string?> { ["k"] = "[0,1]" }, rebase.Changes.ExpectedValues);
    }

    private static SessionChanges Changes(string loaded, string written) => new()
    {
        Values = new Dictionary<string, string> { ["k"] = written },
        Changed = new Dictionary<string, string> { ["k"] = written },
        Removed = [],
        ExpiresAt = DateTimeOffset.UnixEpoch,
        ExpectedValues = new Dictionary<string, string?> { ["k"] = loaded },
        HasChanges = true,
    };
}
