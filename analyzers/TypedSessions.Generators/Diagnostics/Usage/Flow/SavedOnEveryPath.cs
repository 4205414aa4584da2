using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// A backward "must" analysis over a control flow graph: from the end of each block, does every path that leaves the
/// function normally pass a save first? Paths that end in a throw do not count (the caller sees the exception), a
/// <c>finally</c> that always saves covers every path through it, and an endless loop never leaves.
/// </summary>
/// <remarks>
/// Each block's decisive event is its first save (saved) or kill (the session is dropped or replaced: not saved).
/// The solution is the greatest fixed point, iterated from "saved everywhere" down; it terminates because values
/// only go from true to false.
/// </remarks>
internal sealed class SavedOnEveryPath
{
    private readonly ControlFlowGraph _graph;
    private readonly Func<int, bool?> _decisiveEvent;
    private readonly ISet<ControlFlowBranch> _savedEdges;
    private readonly Dictionary<ControlFlowRegion, List<(ControlFlowBranch Branch, int Index)>> _continuations;
    private readonly Dictionary<ControlFlowRegion, bool> _finallySaves = [];
    private readonly bool[] _savedAtEnd;

    /// <param name="graph">The function's graph.</param>
    /// <param name="decisiveEvent">For a block ordinal: true when its first event saves, false when it kills, null for none.</param>
    /// <param name="savedEdges">Edges that need no save, such as the one taken when <c>IsModified</c> is false.</param>
    public SavedOnEveryPath(ControlFlowGraph graph, Func<int, bool?> decisiveEvent, ISet<ControlFlowBranch> savedEdges)
    {
        _graph = graph;
        _decisiveEvent = decisiveEvent;
        _savedEdges = savedEdges;
        _continuations = BlockBranches.FinallyContinuations(graph);
        _savedAtEnd = Solve(scope: null).AtEnd;
    }

    /// <summary>Whether every normal path from the end of block <paramref name="ordinal"/> saves.</summary>
    public bool IsSavedAfter(int ordinal) => _savedAtEnd[ordinal];

    private (bool[] AtStart, bool[] AtEnd) Solve(ControlFlowRegion? scope)
    {
        var blocks = _graph.Blocks;
        var first = scope?.FirstBlockOrdinal ?? 0;
        var last = scope?.LastBlockOrdinal ?? blocks.Length - 1;
        var atStart = new bool[blocks.Length];
        var atEnd = new bool[blocks.Length];
        for (var i = first; i <= last; i++)
        {
            atStart[i] = atEnd[i] = blocks[i].Kind != BasicBlockKind.Exit;
        }

        for (var changed = true; changed;)
        {
            changed = false;
            for (var i = last; i >= first; i--)
            {
                var block = blocks[i];
                if (block.Kind == BasicBlockKind.Exit)
                {
                    continue;
                }

                var end = true;
                foreach (var branch in BlockBranches.Of(block))
                {
                    end &= IsEdgeSaved(branch, scope, atStart, first, last);
                }

                var start = _decisiveEvent(i) ?? end;
                if (end != atEnd[i] || start != atStart[i])
                {
                    atEnd[i] = end;
                    atStart[i] = start;
                    changed = true;
                }
            }
        }

        return (atStart, atEnd);
    }

    private bool IsEdgeSaved(ControlFlowBranch branch, ControlFlowRegion? scope, bool[] atStart, int first, int last)
    {
        if (_savedEdges.Contains(branch))
        {
            return true;
        }

        if (branch.Destination is null)
        {
            // The end of a finally continues wherever the edge that ran it was going; a throw leaves abnormally.
            if (branch.Semantics != ControlFlowBranchSemantics.StructuredExceptionHandling
                || BlockBranches.InnermostFinally(branch.Source.EnclosingRegion) is not { } region)
            {
                return true;
            }

            if (region == scope)
            {
                return false;
            }

            if (!_continuations.TryGetValue(region, out var continuations))
            {
                return true;
            }

            foreach (var (next, index) in continuations)
            {
                if (!IsSavedFrom(next, index + 1, scope, atStart, first, last))
                {
                    return false;
                }
            }

            return true;
        }

        return IsSavedFrom(branch, 0, scope, atStart, first, last);
    }

    private bool IsSavedFrom(ControlFlowBranch branch, int finallyIndex, ControlFlowRegion? scope, bool[] atStart, int first, int last)
    {
        for (var i = finallyIndex; i < branch.FinallyRegions.Length; i++)
        {
            if (FinallySaves(branch.FinallyRegions[i]))
            {
                return true;
            }
        }

        var destination = branch.Destination!.Ordinal;
        return destination >= first && destination <= last && atStart[destination];
    }

    private bool FinallySaves(ControlFlowRegion region)
    {
        if (!_finallySaves.TryGetValue(region, out var saves))
        {
            _finallySaves[region] = false;
            saves = Solve(region).AtStart[region.FirstBlockOrdinal];
            _finallySaves[region] = saves;
        }

        return saves;
    }
}
