using System.Text.Json.Nodes;
using CsCheck;
using TypedSessions.Merging;
using static TypedSessions.Tests.Merging.DocumentFacts;
using static TypedSessions.Tests.Merging.MergeKit;

namespace TypedSessions.Tests.Merging;

/// <summary>Laws of the merge over random carts edited independently by two tabs.</summary>
public sealed class MergePropertyTests
{
    private const long Iterations = 400;

    [Fact]
    public void Without_conflicts_the_merge_is_symmetric_up_to_the_order_of_concurrent_insertions() =>
        EditedDocuments.Gen.Sample(documents =>
        {
            var ourMerge = Merge(documents.Base, documents.Ours, documents.Theirs);
            var theirMerge = Merge(documents.Base, documents.Theirs, documents.Ours);
            if (ourMerge.Conflicts.Count == 0 && theirMerge.Conflicts.Count == 0)
            {
                Assert.Equal(Canonical(ourMerge.Json!), Canonical(theirMerge.Json!));
            }
        }, iter: Iterations);

    [Fact]
    public void Both_directions_report_conflicts_at_the_same_paths() =>
        EditedDocuments.Gen.Sample(documents =>
        {
            var ourPaths = Merge(documents.Base, documents.Ours, documents.Theirs).Conflicts.Select(static c => c.Path).Order();
            var theirPaths = Merge(documents.Base, documents.Theirs, documents.Ours).Conflicts.Select(static c => c.Path).Order();
            Assert.Equal(ourPaths, theirPaths);
        }, iter: Iterations);

    [Fact]
    public void Reject_rejects_exactly_when_there_is_a_conflict() =>
        EditedDocuments.Gen.Sample(documents =>
        {
            var conflicts = Merge(documents.Base, documents.Ours, documents.Theirs).Conflicts.Count;
            Assert.Equal(conflicts > 0, Merge(documents.Base, documents.Ours, documents.Theirs, Policy(SessionConflict.Reject)).IsRejected);
        }, iter: Iterations);

    [Fact]
    public void The_merge_never_duplicates_or_invents_an_element() =>
        EditedDocuments.Gen.Sample(documents =>
        {
            var merged = Elements(Merge(documents.Base, documents.Ours, documents.Theirs).Json!).Select(static e => e.Id).ToList();
            var known = new[] { documents.Base, documents.Ours, documents.Theirs }.SelectMany(Elements).Select(static e => e.Id).ToHashSet();
            Assert.Equal(merged.Count, merged.Distinct().Count());
            Assert.Subset(known, merged.ToHashSet());
        }, iter: Iterations);

    [Fact]
    public void A_side_left_as_loaded_gives_the_other_side() =>
        EditedDocuments.Gen.Sample(documents =>
        {
            var reformattedBase = JsonNode.Parse(documents.Base)!.ToJsonString(new() { WriteIndented = true });
            Assert.Equal(documents.Ours, Merge(documents.Base, documents.Ours, documents.Base).Json);
            Assert.Equal(documents.Theirs, Merge(documents.Base, documents.Base, documents.Theirs).Json);
            JsonEqual(documents.Ours, Merge(documents.Base, documents.Ours, reformattedBase).Json);
            JsonEqual(documents.Theirs, Merge(documents.Base, reformattedBase, documents.Theirs).Json);
        }, iter: Iterations);

    [Fact]
    public void Every_element_added_on_either_side_and_not_removed_on_the_other_is_kept() =>
        EditedDocuments.Gen.Sample(documents =>
        {
            var merged = Elements(Merge(documents.Base, documents.Ours, documents.Theirs).Json!).Select(static e => e.Id).ToHashSet();
            var baseIds = Elements(documents.Base).Select(static e => e.Id).ToHashSet();
            foreach (var (side, other) in new[] { (documents.Ours, documents.Theirs), (documents.Theirs, documents.Ours) })
            {
                var otherIds = Elements(other).Select(static e => e.Id).ToHashSet();
                var added = Elements(side)
                    .Where(e => !baseIds.Contains(e.Id))
                    .Where(e => !e.Ancestors.Any(ancestor => baseIds.Contains(ancestor) && !otherIds.Contains(ancestor)));
                Assert.All(added, e => Assert.Contains(e.Id, merged));
            }
        }, iter: Iterations);

    [Fact]
    public void Each_array_keeps_the_relative_order_of_each_side() =>
        EditedDocuments.Gen.Sample(documents =>
        {
            var merged = ArraysByOwner(Merge(documents.Base, documents.Ours, documents.Theirs).Json!);
            foreach (var side in new[] { ArraysByOwner(documents.Ours), ArraysByOwner(documents.Theirs) })
            {
                foreach (var (owner, ids) in merged)
                {
                    var sideIds = side.GetValueOrDefault(owner, []);
                    Assert.Equal(sideIds.Where(ids.Contains), ids.Where(sideIds.Contains));
                }
            }
        }, iter: Iterations);
}
