using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// A forward analysis over a control flow graph: the blocks that some path reaches after leaving one of the start
/// blocks, through <c>finally</c> regions and loops, and not through an edge that <c>stops</c> the fact (a branch that
/// proves the opposite, such as <c>!Response.HasStarted</c>).
/// </summary>
internal static class ReachableAfter
{
    /// <returns>For each block ordinal, whether a path from the end of a start block enters it.</returns>
    public static bool[] Compute(ControlFlowGraph graph, IEnumerable<int> startBlocks, Func<ControlFlowBranch, bool>? stops = null)
    {
        var continuations = BlockBranches.FinallyContinuations(graph);
        var reached = new bool[graph.Blocks.Length];
        var pending = new Stack<int>();
        foreach (var start in startBlocks)
        {
            Follow(graph.Blocks[start]);
        }

        while (pending.Count > 0)
        {
            Follow(graph.Blocks[pending.Pop()]);
        }

        return reached;

        void Follow(BasicBlock block)
        {
            foreach (var (branch, next) in BlockBranches.Successors(block, continuations))
            {
                if (stops is null || !stops(branch))
                {
                    Mark(next);
                }
            }
        }

        void Mark(int ordinal)
        {
            if (!reached[ordinal])
            {
                reached[ordinal] = true;
                pending.Push(ordinal);
            }
        }
    }
}
