using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>What a conditional edge of a control flow graph tells about the value its block tests.</summary>
internal static class BranchConditions
{
    /// <summary>
    /// The operand that <paramref name="branch"/>'s block tests, with any <c>!</c> taken off, and the value it has when
    /// the branch is taken; <see langword="null"/> for an edge that no condition selects (a return, a plain jump).
    /// </summary>
    public static (IOperation Operand, bool ValueOnBranch)? Tested(ControlFlowBranch branch)
    {
        var source = branch.Source;
        if (source.ConditionKind == ControlFlowConditionKind.None || source.ConditionalSuccessor is null || source.BranchValue is not { } condition)
        {
            return null;
        }

        // The conditional successor is taken when the branch value equals its condition kind; the fall-through otherwise.
        var value = branch.IsConditionalSuccessor == (source.ConditionKind == ControlFlowConditionKind.WhenTrue);
        var operand = SessionEffects.Unwrap(condition);
        while (operand is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            value = !value;
            operand = SessionEffects.Unwrap(not.Operand);
        }

        return (operand, value);
    }
}
