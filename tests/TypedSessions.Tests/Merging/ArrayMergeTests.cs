using TypedSessions.Merging;
using static TypedSessions.Tests.Merging.MergeKit;

namespace TypedSessions.Tests.Merging;

/// <summary>How array elements are told apart and where ours' insertions go.</summary>
public sealed class ArrayMergeTests
{
    [Fact]
    public void Ours_insertion_goes_before_the_element_that_follows_it_in_ours_after_theirs_insertion_there() =>
        Clean("[{\"Id\":1},{\"Id\":3},{\"Id\":4},{\"Id\":2}]", Merge("[{\"Id\":1},{\"Id\":2}]", "[{\"Id\":1},{\"Id\":4},{\"Id\":2}]", "[{\"Id\":1},{\"Id\":3},{\"Id\":2}]"));

    [Fact]
    public void Insertions_at_the_start_come_theirs_first() =>
        Clean("[{\"Id\":3},{\"Id\":4},{\"Id\":1}]", Merge("[{\"Id\":1}]", "[{\"Id\":4},{\"Id\":1}]", "[{\"Id\":3},{\"Id\":1}]"));

    [Fact]
    public void Consecutive_insertions_of_ours_keep_their_order() =>
        Clean("[1,9,5,6,2]", Merge("[1,2]", "[1,5,6,2]", "[1,9,2]"));

    [Fact]
    public void An_insertion_whose_follower_theirs_removed_goes_before_the_next_follower_left() =>
        Clean("[1,5,3]", Merge("[1,2,3]", "[1,5,2,3]", "[1,3]"));

    [Fact]
    public void Elements_with_a_lowercase_id_are_told_apart_by_it() =>
        Clean(
            """[{"id":"a","n":2,"m":2}]""",
            Merge("""[{"id":"a","n":1,"m":1}]""", """[{"id":"a","n":2,"m":1}]""", """[{"id":"a","n":1,"m":2}]"""));

    [Fact]
    public void A_string_identity_is_quoted_in_the_path() =>
        Assert.Equal("""$[id="a"].n""", SingleConflict(Merge("""[{"id":"a","n":1}]""", """[{"id":"a","n":2}]""", """[{"id":"a","n":3}]""")).Path);

    [Fact]
    public void An_explicit_identity_property_tells_elements_apart()
    {
        var rules = new JsonMergeRules { IdentityAt = pattern => pattern == "$.Lines" ? "ProductId" : null };

        var result = Merge(
            """{"Lines":[{"ProductId":3,"Quantity":1,"Note":""}]}""",
            """{"Lines":[{"ProductId":3,"Quantity":2,"Note":""}]}""",
            """{"Lines":[{"ProductId":3,"Quantity":5,"Note":"gift"}]}""",
            rules);

        Assert.Equal("""{"Lines":[{"ProductId":3,"Quantity":2,"Note":"gift"}]}""", result.Json);
        Assert.Equal("$.Lines[ProductId=3].Quantity", SingleConflict(result).Path);
    }

    [Fact]
    public void Without_an_identity_changed_elements_are_a_removal_and_an_insertion() =>
        Clean(
            """{"Lines":[{"ProductId":3,"Quantity":5},{"ProductId":3,"Quantity":2}]}""",
            Merge("""{"Lines":[{"ProductId":3,"Quantity":1}]}""", """{"Lines":[{"ProductId":3,"Quantity":2}]}""", """{"Lines":[{"ProductId":3,"Quantity":5}]}"""));

    [Fact]
    public void An_array_where_some_element_lacks_the_identity_matches_by_json_equality() =>
        Clean(
            """[{"Id":1,"n":5},{"Id":1,"n":2},{"x":1}]""",
            Merge("""[{"Id":1,"n":1},{"x":1}]""", """[{"Id":1,"n":2},{"x":1}]""", """[{"Id":1,"n":5},{"x":1}]"""));

    [Fact]
    public void Scalar_elements_match_by_json_equality() =>
        Clean("""["b","d","c"]""", Merge("""["a","b"]""", """["a","b","c"]""", """["b","d"]"""));

    [Fact]
    public void A_scalar_both_sides_added_appears_once() =>
        Clean("""["x"]""", Merge("[]", """["x"]""", """["x"]"""));

    [Fact]
    public void Repeated_scalars_are_matched_in_order_of_appearance() =>
        Clean("[1,1]", Merge("[1,1]", "[1,1,1]", "[1]"));

    [Fact]
    public void Numbers_equal_in_value_are_the_same_element() =>
        Clean("[1,3,2]", Merge("[1.0]", "[1.0,2]", "[1,3]"));

    [Fact]
    public void Nested_arrays_name_each_level_in_the_conflict_path()
    {
        var result = Merge(
            """{"Lines":[{"Id":1,"Options":[{"Id":7,"Value":1}]}]}""",
            """{"Lines":[{"Id":1,"Options":[{"Id":7,"Value":2}]}]}""",
            """{"Lines":[{"Id":1,"Options":[{"Id":7,"Value":3}]}]}""");

        Assert.Equal(new JsonMergeConflict("$.Lines[Id=1].Options[Id=7].Value", "$.Lines[*].Options[*].Value", "1", "2", "3", JsonConflictResolution.OursKept), SingleConflict(result));
    }

    [Fact]
    public void The_identity_is_looked_up_by_the_array_path_pattern()
    {
        var seen = new List<string>();
        var rules = new JsonMergeRules { IdentityAt = pattern => { seen.Add(pattern); return null; } };

        Merge("""{"Lines":[{"Id":1,"Options":[1]}]}""", """{"Lines":[{"Id":1,"Options":[1,2]}]}""", """{"Lines":[{"Id":1,"Options":[1,3]}]}""", rules);

        Assert.Equal(["$.Lines", "$.Lines[*].Options"], seen);
    }
}
