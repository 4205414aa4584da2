using static TypedSessions.Tests.Merging.MergeKit;

namespace TypedSessions.Tests.Merging;

/// <summary>A side that changed nothing takes the other side's JSON as it is.</summary>
public sealed class FastPathTests
{
    [Fact]
    public void Ours_unchanged_gives_theirs_text_verbatim() =>
        Clean("""{ "a" : 2 }""", Merge("""{"a":1}""", """{"a":1}""", """{ "a" : 2 }"""));

    [Fact]
    public void Theirs_unchanged_gives_ours_text_verbatim() =>
        Clean("""{ "a" : 3 }""", Merge("""{"a":1}""", """{ "a" : 3 }""", """{"a":1}"""));

    [Fact]
    public void An_unchanged_side_is_not_parsed_at_all() =>
        Clean("not json", Merge("""{"a":1}""", """{"a":1}""", "not json"));

    [Fact]
    public void A_side_equal_as_json_but_formatted_differently_counts_as_unchanged() =>
        Clean("""{"a":3,"b":2}""", Merge("""{"a":1,"b":2}""", """{ "b": 2, "a": 1.0 }""", """{"a":3,"b":2}"""));

    [Fact]
    public void A_key_ours_removed_and_theirs_left_alone_is_removed() =>
        Clean(null, Merge("""{"a":1}""", null, """{"a":1}"""));

    [Fact]
    public void A_key_theirs_removed_and_ours_left_alone_stays_removed() =>
        Clean(null, Merge("""{"a":1}""", """{"a":1}""", null));

    [Fact]
    public void A_key_only_theirs_added_is_kept() =>
        Clean("[1]", Merge(null, null, "[1]"));

    [Fact]
    public void A_key_absent_everywhere_stays_absent() =>
        Clean(null, Merge(null, null, null));
}
