using TypedSessions.Merging;
using static TypedSessions.Tests.Merging.MergeKit;

namespace TypedSessions.Tests.Merging;

/// <summary>Objects both sides changed merge property by property.</summary>
public sealed class ObjectMergeTests
{
    [Fact]
    public void Properties_added_on_different_sides_are_both_kept_theirs_first() =>
        Clean("""{"a":1,"c":3,"b":2}""", Merge("""{"a":1}""", """{"a":1,"b":2}""", """{"a":1,"c":3}"""));

    [Fact]
    public void Different_properties_changed_on_each_side_are_both_kept() =>
        Clean("""{"a":2,"b":3}""", Merge("""{"a":1,"b":1}""", """{"a":2,"b":1}""", """{"a":1,"b":3}"""));

    [Fact]
    public void A_property_removed_on_one_side_and_untouched_on_the_other_is_removed() =>
        Clean("""{"a":1,"c":3}""", Merge("""{"a":1,"b":2}""", """{"a":1}""", """{"a":1,"b":2,"c":3}"""));

    [Fact]
    public void A_property_removed_on_both_sides_is_removed_without_conflict() =>
        Clean("""{"a":1,"c":3}""", Merge("""{"a":1,"b":2}""", """{"a":1}""", """{"a":1,"c":3}"""));

    [Fact]
    public void Removed_by_ours_and_changed_by_theirs_is_a_conflict_that_last_writer_wins_settles_as_removed()
    {
        var result = Merge("""{"a":1,"b":2}""", """{"a":1}""", """{"a":1,"b":5}""");

        Assert.Equal("""{"a":1}""", result.Json);
        Assert.Equal(new JsonMergeConflict("$.b", "$.b", "2", null, "5", JsonConflictResolution.OursKept), SingleConflict(result));
    }

    [Fact]
    public void Changed_by_ours_and_removed_by_theirs_is_a_conflict_that_last_writer_wins_settles_as_ours()
    {
        var result = Merge("""{"a":1,"b":2}""", """{"a":1,"b":3}""", """{"a":1}""");

        Assert.Equal("""{"a":1,"b":3}""", result.Json);
        Assert.Equal(new JsonMergeConflict("$.b", "$.b", "2", "3", null, JsonConflictResolution.OursKept), SingleConflict(result));
    }

    [Fact]
    public void Removal_against_change_under_Reject_rejects_the_merge()
    {
        var result = Merge("""{"a":1,"b":2}""", """{"a":1}""", """{"a":1,"b":5}""", Policy(SessionConflict.Reject));

        Assert.True(result.IsRejected);
        Assert.Equal(JsonConflictResolution.Rejected, SingleConflict(result).Resolution);
    }

    [Fact]
    public void Nested_objects_merge_recursively() =>
        Clean(
            """{"Address":{"City":"B","Zip":"2"}}""",
            Merge("""{"Address":{"City":"A","Zip":"1"}}""", """{"Address":{"City":"B","Zip":"1"}}""", """{"Address":{"City":"A","Zip":"2"}}"""));

    [Fact]
    public void A_type_change_is_a_conflict_at_that_node()
    {
        var result = Merge("""{"x":{"a":1},"y":1}""", """{"x":[1],"y":1}""", """{"x":{"a":2},"y":2}""");

        Assert.Equal("""{"x":[1],"y":2}""", result.Json);
        Assert.Equal(new JsonMergeConflict("$.x", "$.x", """{"a":1}""", "[1]", """{"a":2}""", JsonConflictResolution.OursKept), SingleConflict(result));
    }

    [Fact]
    public void The_same_value_added_on_both_sides_is_one_addition() =>
        Clean("""{"a":1}""", Merge("{}", """{"a":1}""", """{"a":1}"""));

    [Fact]
    public void Different_values_added_on_both_sides_conflict()
    {
        var result = Merge("{}", """{"a":1}""", """{"a":2}""");

        Assert.Equal("""{"a":1}""", result.Json);
        Assert.Equal(new JsonMergeConflict("$.a", "$.a", null, "1", "2", JsonConflictResolution.OursKept), SingleConflict(result));
    }

    [Fact]
    public void An_absent_key_both_sides_made_an_object_merges_as_an_empty_object() =>
        Clean("""{"b":2,"a":1}""", Merge(null, """{"a":1}""", """{"b":2}"""));

    [Fact]
    public void A_null_value_both_sides_made_an_object_merges_as_an_empty_object() =>
        Clean("""{"o":{"b":2,"a":1}}""", Merge("""{"o":null}""", """{"o":{"a":1}}""", """{"o":{"b":2}}"""));

    [Fact]
    public void A_property_name_that_is_no_identifier_is_quoted_in_the_path() =>
        Assert.Equal("$['a b']", SingleConflict(Merge("""{"a b":1}""", """{"a b":2}""", """{"a b":3}""")).Path);
}
