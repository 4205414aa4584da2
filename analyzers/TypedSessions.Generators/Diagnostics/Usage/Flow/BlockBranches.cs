using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>The ways out of a basic block, and which edges run each <c>finally</c> region.</summary>
internal static class BlockBranches
{
    /// <summary>The conditional and fall-through successors of <paramref name="block"/> that exist.</summary>
    public static IEnumerable<ControlFlowBranch> Of(BasicBlock block)
    {
        if (block.ConditionalSuccessor is { } conditional)
        {
            yield return conditional;
        }

        if (block.FallThroughSuccessor is { } fallThrough)
        {
            yield return fallThrough;
        }
    }

    /// <summary>
    /// The blocks control enters when it leaves <paramref name="block"/>, each with the branch it leaves by: a branch's
    /// destination, or the first <c>finally</c> region it runs on the way; from the end of a <c>finally</c>, wherever the
    /// edges that ran it go next. A throw leads nowhere.
    /// </summary>
    /// <param name="block">The block being left.</param>
    /// <param name="continuations">The graph's <see cref="FinallyContinuations"/>.</param>
    public static IEnumerable<(ControlFlowBranch Branch, int Next)> Successors(
        BasicBlock block, Dictionary<ControlFlowRegion, List<(ControlFlowBranch Branch, int Index)>> continuations)
    {
        foreach (var branch in Of(block))
        {
            if (branch.Destination is not null)
            {
                if (Entered(branch, 0) is { } next)
                {
                    yield return (branch, next);
                }

                continue;
            }

            if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling
                && InnermostFinally(block.EnclosingRegion) is { } region
                && continuations.TryGetValue(region, out var list))
            {
                foreach (var (onward, index) in list)
                {
                    if (Entered(onward, index + 1) is { } next)
                    {
                        yield return (branch, next);
                    }
                }
            }
        }
    }

    // The block a branch enters after the finally regions before finallyIndex have run.
    private static int? Entered(ControlFlowBranch branch, int finallyIndex)
        => finallyIndex < branch.FinallyRegions.Length ? branch.FinallyRegions[finallyIndex].FirstBlockOrdinal : branch.Destination?.Ordinal;

    /// <summary>
    /// For each <c>finally</c> region, the edges that run it and its position among their finally regions: where the
    /// region's end continues.
    /// </summary>
    public static Dictionary<ControlFlowRegion, List<(ControlFlowBranch Branch, int Index)>> FinallyContinuations(ControlFlowGraph graph)
    {
        var continuations = new Dictionary<ControlFlowRegion, List<(ControlFlowBranch Branch, int Index)>>();
        foreach (var block in graph.Blocks)
        {
            foreach (var branch in Of(block))
            {
                for (var i = 0; i < branch.FinallyRegions.Length; i++)
                {
                    var region = branch.FinallyRegions[i];
                    if (!continuations.TryGetValue(region, out var list))
                    {
                        continuations[region] = list = [];
                    }

                    list.Add((branch, i));
                }
            }
        }

        return continuations;
    }

    /// <summary>The innermost <c>finally</c> region around <paramref name="region"/>, unless a catch or filter comes first.</summary>
    public static ControlFlowRegion? InnermostFinally(ControlFlowRegion? region)
    {
        for (; region is not null; region = region.EnclosingRegion)
        {
            switch (region.Kind)
            {
                case ControlFlowRegionKind.Finally:
                    return region;
                case ControlFlowRegionKind.Filter or ControlFlowRegionKind.Catch:
                    return null;
            }
        }

        return null;
    }
}
