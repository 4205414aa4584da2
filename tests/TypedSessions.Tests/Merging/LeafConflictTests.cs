using TypedSessions.Merging;
using static TypedSessions.Tests.Merging.MergeKit;

namespace TypedSessions.Tests.Merging;

/// <summary>A leaf both sides changed is a conflict, even to the same value, settled by the policy at its path.</summary>
public sealed class LeafConflictTests
{
    private const string Base = """{"Quantity":1,"Note":"a"}""";
    private const string Incremented = """{"Quantity":2,"Note":"a"}""";

    [Fact]
    public void Two_increments_of_one_leaf_under_last_writer_wins_keep_ours_and_are_reported()
    {
        var result = Merge(Base, Incremented, Incremented);

        Assert.Equal(Incremented, result.Json);
        Assert.Equal(new JsonMergeConflict("$.Quantity", "$.Quantity", "1", "2", "2", JsonConflictResolution.OursKept), SingleConflict(result));
    }

    [Fact]
    public void Last_writer_wins_keeps_ours_for_that_leaf_only()
    {
        var result = Merge("""{"a":1,"b":1}""", """{"a":2,"b":1}""", """{"a":3,"b":3}""");

        Assert.Equal("""{"a":2,"b":3}""", result.Json);
    }

    [Fact]
    public void Two_increments_of_one_leaf_under_Reject_reject_the_merge()
    {
        var result = Merge(Base, Incremented, Incremented, Policy(SessionConflict.Reject));

        Assert.True(result.IsRejected);
        Assert.Equal(new JsonMergeConflict("$.Quantity", "$.Quantity", "1", "2", "2", JsonConflictResolution.Rejected), SingleConflict(result));
        Assert.Throws<InvalidOperationException>(() => result.Json);
    }

    [Fact]
    public void Reject_without_a_conflict_merges() =>
        Clean("""{"a":2,"b":3}""", Merge("""{"a":1,"b":1}""", """{"a":2,"b":1}""", """{"a":1,"b":3}""", Policy(SessionConflict.Reject)));

    [Fact]
    public void Two_increments_of_one_leaf_under_Sum_add_up()
    {
        var result = Merge(Base, Incremented, Incremented, Policy(SessionConflict.Sum));

        Assert.Equal("""{"Quantity":3,"Note":"a"}""", result.Json);
        Assert.Equal(JsonConflictResolution.Summed, SingleConflict(result).Resolution);
    }

    [Fact]
    public void Sum_applies_ours_change_to_theirs_value() =>
        Assert.Equal("""{"n":12}""", Merge("""{"n":10}""", """{"n":7}""", """{"n":15}""", Policy(SessionConflict.Sum)).Json);

    [Fact]
    public void Sum_of_decimals_keeps_the_fraction() =>
        JsonEqual("""{"n":2.75}""", Merge("""{"n":1.5}""", """{"n":2.0}""", """{"n":2.25}""", Policy(SessionConflict.Sum)).Json);

    [Fact]
    public void Sum_past_the_range_of_long_goes_on_in_decimal() =>
        JsonEqual("18446744073709551614", Merge("0", $"{long.MaxValue}", $"{long.MaxValue}", Policy(SessionConflict.Sum)).Json);

    [Fact]
    public void Sum_counts_a_counter_both_sides_created_from_zero() =>
        Assert.Equal("""{"n":2}""", Merge("{}", """{"n":1}""", """{"n":1}""", Policy(SessionConflict.Sum)).Json);

    [Fact]
    public void Sum_counts_a_null_base_as_zero() =>
        Assert.Equal("5", Merge("null", "2", "3", Policy(SessionConflict.Sum)).Json);

    [Fact]
    public void Sum_on_values_that_are_no_numbers_falls_back_to_ours()
    {
        var result = Merge(Base, """{"Quantity":1,"Note":"b"}""", """{"Quantity":1,"Note":"c"}""", Policy(SessionConflict.Sum));

        Assert.Equal("""{"Quantity":1,"Note":"b"}""", result.Json);
        Assert.Equal(JsonConflictResolution.OursKept, SingleConflict(result).Resolution);
    }

    [Fact]
    public void The_policy_is_looked_up_by_the_path_pattern()
    {
        var seen = new List<string>();
        var rules = new JsonMergeRules
        {
            ConflictAt = pattern =>
            {
                seen.Add(pattern);
                return pattern == "$.Lines[*].Quantity" ? SessionConflict.Sum : null;
            },
        };

        var result = Merge(
            """{"Lines":[{"Id":1,"Quantity":1,"Note":"a"}]}""",
            """{"Lines":[{"Id":1,"Quantity":2,"Note":"b"}]}""",
            """{"Lines":[{"Id":1,"Quantity":2,"Note":"c"}]}""",
            rules);

        Assert.Equal("""{"Lines":[{"Id":1,"Quantity":3,"Note":"b"}]}""", result.Json);
        Assert.Equal(["$.Lines[*].Quantity", "$.Lines[*].Note"], seen);
        Assert.Equal(
            [("$.Lines[Id=1].Quantity", JsonConflictResolution.Summed), ("$.Lines[Id=1].Note", JsonConflictResolution.OursKept)],
            result.Conflicts.Select(conflict => (conflict.Path, conflict.Resolution)));
    }

    [Fact]
    public void A_whole_value_changed_on_both_sides_conflicts_at_the_root() =>
        Assert.Equal(new JsonMergeConflict("$", "$", "1", "2", "3", JsonConflictResolution.OursKept), SingleConflict(Merge("1", "2", "3")));

    [Fact]
    public void A_key_ours_removed_and_theirs_changed_is_removed_under_last_writer_wins()
    {
        var result = Merge("""{"a":1}""", null, """{"a":2}""");

        Assert.Null(result.Json);
        Assert.Equal(new JsonMergeConflict("$", "$", """{"a":1}""", null, """{"a":2}""", JsonConflictResolution.OursKept), SingleConflict(result));
    }
}
