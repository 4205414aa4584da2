using TypedSessions.Merging;
using static TypedSessions.Tests.Merging.MergeKit;

namespace TypedSessions.Tests.Merging;

/// <summary>Two tabs changing one cart's lines at once: the cases from the issue.</summary>
public sealed class CartMergeTests
{
    private const string OneLine = """{"Lines":[{"Id":1,"Quantity":1}]}""";

    [Fact]
    public void Two_tabs_adding_different_lines_keep_both_theirs_first() =>
        Clean(
            """{"Lines":[{"Id":1,"Quantity":1},{"Id":3,"Quantity":1},{"Id":2,"Quantity":1}]}""",
            Merge(OneLine, """{"Lines":[{"Id":1,"Quantity":1},{"Id":2,"Quantity":1}]}""", """{"Lines":[{"Id":1,"Quantity":1},{"Id":3,"Quantity":1}]}"""));

    [Fact]
    public void Raising_a_quantity_while_another_tab_adds_a_line_keeps_both() =>
        Clean(
            """{"Lines":[{"Id":1,"Quantity":2},{"Id":3,"Quantity":1}]}""",
            Merge(OneLine, """{"Lines":[{"Id":1,"Quantity":2}]}""", """{"Lines":[{"Id":1,"Quantity":1},{"Id":3,"Quantity":1}]}"""));

    [Fact]
    public void Adding_a_line_while_another_tab_raises_a_quantity_keeps_both() =>
        Clean(
            """{"Lines":[{"Id":1,"Quantity":2},{"Id":3,"Quantity":1}]}""",
            Merge(OneLine, """{"Lines":[{"Id":1,"Quantity":1},{"Id":3,"Quantity":1}]}""", """{"Lines":[{"Id":1,"Quantity":2}]}"""));

    [Fact]
    public void Two_tabs_adding_the_first_lines_to_an_absent_key_keep_both() =>
        Clean("""[{"Id":2},{"Id":1}]""", Merge(null, """[{"Id":1}]""", """[{"Id":2}]"""));

    [Fact]
    public void Two_tabs_adding_the_first_lines_to_an_absent_property_keep_both() =>
        Clean(
            """{"Count":1,"Lines":[{"Id":2},{"Id":1}]}""",
            Merge("""{"Count":1}""", """{"Count":1,"Lines":[{"Id":1}]}""", """{"Count":1,"Lines":[{"Id":2}]}"""));

    [Fact]
    public void A_line_both_tabs_added_identically_appears_once() =>
        Clean(
            """{"Lines":[{"Id":1,"Quantity":1},{"Id":2,"Quantity":1}]}""",
            Merge(OneLine, """{"Lines":[{"Id":1,"Quantity":1},{"Id":2,"Quantity":1}]}""", """{"Lines":[{"Id":1,"Quantity":1},{"Id":2,"Quantity":1}]}"""));

    [Fact]
    public void A_line_both_tabs_added_differently_appears_once_merged()
    {
        var result = Merge("[]", """[{"Id":5,"Quantity":1,"Gift":true}]""", """[{"Id":5,"Quantity":2}]""");

        Assert.Equal("""[{"Id":5,"Quantity":1,"Gift":true}]""", result.Json);
        Assert.Equal(new JsonMergeConflict("$[Id=5].Quantity", "$[*].Quantity", null, "1", "2", JsonConflictResolution.OursKept), SingleConflict(result));
    }

    [Fact]
    public void Same_quantity_raised_in_both_tabs_is_a_conflict_settled_by_the_policy()
    {
        const string raised = """{"Lines":[{"Id":1,"Quantity":2}]}""";

        Assert.Equal(raised, Merge(OneLine, raised, raised).Json);
        Assert.True(Merge(OneLine, raised, raised, Policy(SessionConflict.Reject)).IsRejected);
        Assert.Equal("""{"Lines":[{"Id":1,"Quantity":3}]}""", Merge(OneLine, raised, raised, Policy(SessionConflict.Sum)).Json);
    }

    [Fact]
    public void Different_properties_of_one_line_changed_in_each_tab_merge() =>
        Clean(
            """[{"Id":1,"Quantity":2,"Note":"gift"}]""",
            Merge("""[{"Id":1,"Quantity":1,"Note":""}]""", """[{"Id":1,"Quantity":2,"Note":""}]""", """[{"Id":1,"Quantity":1,"Note":"gift"}]"""));

    [Fact]
    public void A_line_removed_in_one_tab_and_untouched_in_the_other_is_removed() =>
        Clean(
            """[{"Id":2},{"Id":3}]""",
            Merge("""[{"Id":1},{"Id":2}]""", """[{"Id":2}]""", """[{"Id":1},{"Id":2},{"Id":3}]"""));

    [Fact]
    public void A_line_removed_in_ours_and_changed_in_theirs_is_removed_under_last_writer_wins()
    {
        var result = Merge("""[{"Id":1,"Quantity":1},{"Id":2,"Quantity":1}]""", """[{"Id":2,"Quantity":1}]""", """[{"Id":1,"Quantity":5},{"Id":2,"Quantity":1}]""");

        Assert.Equal("""[{"Id":2,"Quantity":1}]""", result.Json);
        Assert.Equal(
            new JsonMergeConflict("$[Id=1]", "$[*]", """{"Id":1,"Quantity":1}""", null, """{"Id":1,"Quantity":5}""", JsonConflictResolution.OursKept),
            SingleConflict(result));
    }

    [Fact]
    public void A_line_changed_in_ours_and_removed_in_theirs_is_kept_in_ours_place()
    {
        var result = Merge(
            """[{"Id":1},{"Id":2,"Quantity":1},{"Id":3}]""",
            """[{"Id":1},{"Id":2,"Quantity":4},{"Id":3}]""",
            """[{"Id":1},{"Id":3}]""");

        Assert.Equal("""[{"Id":1},{"Id":2,"Quantity":4},{"Id":3}]""", result.Json);
        Assert.Equal("$[Id=2]", SingleConflict(result).Path);
    }

    [Fact]
    public void A_line_removed_in_both_tabs_is_removed_without_conflict() =>
        Clean("""[{"Id":2},{"Id":3}]""", Merge("""[{"Id":1},{"Id":2}]""", """[{"Id":2}]""", """[{"Id":2},{"Id":3}]"""));
}
