using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// A save guarded by a flag the code raises with each change:
/// <c>var changed = false; if (…) { session.Remove(k); changed = true; } … if (changed) await session.SaveAsync();</c>.
/// The edge taken when the flag is false leaves nothing unsaved, provided no path reaches it with a change and the
/// flag down. Only a <see langword="bool"/> local of the function that nothing captures or passes by reference
/// qualifies; it is set by constants (<c>true</c>, <c>false</c>), and anything else makes its value unknown.
/// </summary>
/// <remarks>
/// A forward "may" analysis per flag: the state at each point is the set of (change pending, flag up) pairs some path
/// can be in, four bits. It runs through <c>finally</c> regions the way the code does, and a <c>catch</c> starts with
/// every state its <c>try</c> can be in. It terminates because the sets only grow.
/// </remarks>
internal sealed class FlagGuards
{
    // Bit (pending * 2 + flag): pending = a change of the session not saved since; flag = the local is true.
    private const int PendingAndDown = 1 << 2;
    private const int AllStates = 0b1111;
    private const int CleanStates = 0b0011;

    private readonly FunctionGraph _function;
    private readonly ILocalSymbol _flag;
    private readonly Dictionary<int, List<(OperationSite Site, Step Step)>> _steps = [];
    private readonly Dictionary<ControlFlowRegion, List<(ControlFlowBranch Branch, int Index)>> _continuations;
    private readonly int[] _atStart;

    private FlagGuards(FunctionGraph function, ILocalSymbol flag)
    {
        _function = function;
        _flag = flag;
        _continuations = BlockBranches.FinallyContinuations(function.Graph);
        _atStart = new int[function.Graph.Blocks.Length];
    }

    private enum Step
    {
        Change,
        Save,
        Raise,
        Lower,
        Unknown,
        StayUpOrUnknown,
    }

    /// <summary>Adds to <paramref name="edges"/> the edges on which a flag guarding <paramref name="root"/>'s save is down and nothing is pending.</summary>
    public static void AddNothingToSaveEdges(FunctionGraph function, RootFacts root, ISet<ControlFlowBranch> edges)
    {
        if (!root.Events.Any(static e => e.Kind == RootEventKind.Change))
        {
            return;
        }

        HashSet<ISymbol>? unusable = null;
        var solved = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var block in function.Graph.Blocks)
        {
            if (FlagTest(block) is not { } flag || !solved.Add(flag.Local))
            {
                continue;
            }

            unusable ??= UnusableLocals(function);
            if (unusable.Contains(flag.Local))
            {
                continue;
            }

            var guards = new FlagGuards(function, flag.Local);
            guards.Collect(root);

            // A helper's parameter may arrive with changes of its caller pending; a session opened here starts clean.
            guards.Solve(root.Symbol is IParameterSymbol ? AllStates : CleanStates);
            guards.AddDownEdges(edges);
        }
    }

    // if (changed) / if (!changed): the flag a block's branch tests, when it is a bool local.
    private static ILocalReferenceOperation? FlagTest(BasicBlock block)
        => block.ConditionalSuccessor is { } conditional
            && BranchConditions.Tested(conditional) is ({ } operand, _)
            && operand is ILocalReferenceOperation { Local.Type.SpecialType: SpecialType.System_Boolean } local
                ? local
                : null;

    // Locals that a nested function captures or that go by reference: their value can change out of sight.
    private static HashSet<ISymbol> UnusableLocals(FunctionGraph function)
    {
        var unusable = function.CapturedByNested();
        foreach (var site in function.Sites)
        {
            if (site.Operation is IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation passed })
            {
                unusable.Add(passed.Local);
            }
            else if (site.Operation is ILocalReferenceOperation { Parent: IAddressOfOperation or ITupleOperation or ISimpleAssignmentOperation { IsRef: true } } other)
            {
                // &changed, (changed, n) = …, ref bool alias = ref changed: written where the analysis does not look.
                unusable.Add(other.Local);
            }
        }

        var declared = function.DeclaredLocals();
        foreach (var block in function.Graph.Blocks)
        {
            if (FlagTest(block) is { } flag && !declared.Contains(flag.Local))
            {
                unusable.Add(flag.Local);
            }
        }

        return unusable;
    }

    private void Collect(RootFacts root)
    {
        foreach (var e in root.Events)
        {
            Add(e.Site, e.Kind == RootEventKind.Change ? Step.Change : Step.Save);
        }

        foreach (var site in _function.Sites)
        {
            switch (site.Operation)
            {
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target, Value: var value } when IsFlag(target):
                    Add(site, value.ConstantValue is { HasValue: true, Value: bool constant } ? (constant ? Step.Raise : Step.Lower) : Step.Unknown);
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target, OperatorKind: BinaryOperatorKind.Or } when IsFlag(target):
                    Add(site, Step.StayUpOrUnknown);
                    break;
                case ICompoundAssignmentOperation { Target: ILocalReferenceOperation target } when IsFlag(target):
                    Add(site, Step.Unknown);
                    break;
            }
        }

        foreach (var list in _steps.Values)
        {
            list.Sort(static (a, b) => OperationSite.ByEvaluation(a.Site, b.Site));
        }
    }

    private bool IsFlag(ILocalReferenceOperation reference) => SymbolEqualityComparer.Default.Equals(reference.Local, _flag);

    private void Add(OperationSite site, Step step)
    {
        if (!_steps.TryGetValue(site.Block, out var list))
        {
            _steps[site.Block] = list = [];
        }

        list.Add((site, step));
    }

    private void Solve(int entryStates)
    {
        var blocks = _function.Graph.Blocks;
        var pending = new Stack<int>();
        Merge(0, entryStates);
        while (pending.Count > 0)
        {
            var ordinal = pending.Pop();
            var block = blocks[ordinal];
            var end = Run(ordinal, _atStart[ordinal], tryStates: null);
            foreach (var (branch, next) in BlockBranches.Successors(block, _continuations))
            {
                Merge(next, Filter(block, branch, end));
            }

            // A catch can start from any point of its try.
            if (CatchesOf(block.EnclosingRegion) is { } catches)
            {
                var any = _atStart[ordinal] | end;
                Run(ordinal, _atStart[ordinal], tryStates: value => any |= value);
                foreach (var handler in catches)
                {
                    Merge(handler.FirstBlockOrdinal, any);
                }
            }
        }

        void Merge(int ordinal, int states)
        {
            // Only new states need another pass; a block no state reaches keeps none, and its edges carry nothing pending.
            if ((_atStart[ordinal] | states) != _atStart[ordinal])
            {
                _atStart[ordinal] |= states;
                pending.Push(ordinal);
            }
        }
    }

    // The catch and filter regions whose try region holds this block (innermost try first).
    private static IEnumerable<ControlFlowRegion>? CatchesOf(ControlFlowRegion? region)
    {
        List<ControlFlowRegion>? handlers = null;
        for (; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion is { Kind: ControlFlowRegionKind.TryAndCatch } tryAndCatch)
            {
                foreach (var handler in tryAndCatch.NestedRegions)
                {
                    if (handler.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler)
                    {
                        (handlers ??= []).Add(handler);
                    }
                }
            }
        }

        return handlers;
    }

    private int Run(int ordinal, int states, System.Action<int>? tryStates)
    {
        if (!_steps.TryGetValue(ordinal, out var list))
        {
            return states;
        }

        foreach (var (_, step) in list)
        {
            states = Apply(step, states);
            tryStates?.Invoke(states);
        }

        return states;
    }

    private static int Apply(Step step, int states)
    {
        var result = 0;
        for (var bit = 0; bit < 4; bit++)
        {
            if ((states & (1 << bit)) == 0)
            {
                continue;
            }

            var pending = bit >> 1;
            var up = bit & 1;
            switch (step)
            {
                case Step.Change:
                    result |= 1 << (2 | up);
                    break;
                case Step.Save:
                    result |= 1 << up;
                    break;
                case Step.Raise:
                    result |= 1 << ((pending << 1) | 1);
                    break;
                case Step.Lower:
                    result |= 1 << (pending << 1);
                    break;
                case Step.StayUpOrUnknown when up == 1:
                    // changed |= x: a raised flag stays raised; a lowered one becomes whatever x is.
                    result |= 1 << bit;
                    break;
                default:
                    result |= 0b11 << (pending << 1);
                    break;
            }
        }

        return result;
    }

    // The conditional successor is taken when the branch value equals the block's condition kind.
    private int Filter(BasicBlock block, ControlFlowBranch branch, int states)
    {
        if (FlagTest(block) is not { } flag || !IsFlag(flag))
        {
            return states;
        }

        return states & (IsTakenWhenFlagUp(branch) ? 0b1010 : 0b0101);
    }

    private static bool IsTakenWhenFlagUp(ControlFlowBranch branch) => BranchConditions.Tested(branch) is (_, true);

    private void AddDownEdges(ISet<ControlFlowBranch> edges)
    {
        foreach (var block in _function.Graph.Blocks)
        {
            if (FlagTest(block) is not { } flag || !IsFlag(flag))
            {
                continue;
            }

            var end = Run(block.Ordinal, _atStart[block.Ordinal], tryStates: null);
            if ((end & PendingAndDown) != 0)
            {
                continue;
            }

            foreach (var branch in BlockBranches.Of(block))
            {
                if (!IsTakenWhenFlagUp(branch))
                {
                    edges.Add(branch);
                }
            }
        }
    }
}
