using System.Collections.Generic;
using System.Linq;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

internal sealed partial class SessionRoots
{
    /// <summary>The changes of <paramref name="root"/> after which some normal path leaves the function unsaved, in source order.</summary>
    public List<OperationSite> UnsavedChanges(RootFacts root)
    {
        var (events, paths) = Solve(root);
        var unsaved = new List<OperationSite>();
        foreach (var change in root.Events.Where(static e => e.Kind == RootEventKind.Change))
        {
            // The next save or kill in the change's own block decides; otherwise every path out of the block must save.
            var next = events.TryGetValue(change.Site.Block, out var inBlock)
                ? inBlock.FirstOrDefault(e => e.Kind != RootEventKind.Change && change.Site.IsBefore(e.Site))
                : default;
            var saved = next.Site.Operation is not null ? next.Kind == RootEventKind.Save : paths.IsSavedAfter(change.Site.Block);
            if (!saved)
            {
                unsaved.Add(change.Site);
            }
        }

        unsaved.Sort(static (a, b) => a.Operation.Syntax.SpanStart.CompareTo(b.Operation.Syntax.SpanStart));
        return unsaved;
    }

    /// <summary>Whether every normal path through the function saves <paramref name="root"/>.</summary>
    public bool IsSavedOnEveryPath(RootFacts root) => Solve(root).Paths.IsSavedAfter(_function.Graph.Blocks[0].Ordinal);

    private (Dictionary<int, List<RootEvent>> Events, SavedOnEveryPath Paths) Solve(RootFacts root)
    {
        var events = new Dictionary<int, List<RootEvent>>();
        foreach (var e in root.Events)
        {
            if (!events.TryGetValue(e.Site.Block, out var list))
            {
                events[e.Site.Block] = list = [];
            }

            list.Add(e);
        }

        foreach (var list in events.Values)
        {
            list.Sort(static (a, b) => OperationSite.ByEvaluation(a.Site, b.Site));
        }

        var paths = new SavedOnEveryPath(
            _function.Graph,
            block => events.TryGetValue(block, out var list) && list.FirstOrDefault(static e => e.Kind != RootEventKind.Change) is { Site.Operation: not null } first
                ? first.Kind == RootEventKind.Save
                : null,
            root.NothingToSaveEdges);
        return (events, paths);
    }
}
