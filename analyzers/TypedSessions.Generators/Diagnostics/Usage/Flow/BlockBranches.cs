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
