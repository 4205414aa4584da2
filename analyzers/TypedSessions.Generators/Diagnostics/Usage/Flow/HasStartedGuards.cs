using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// Branches on <c>Response.HasStarted</c>: <c>if (!context.Response.HasStarted) { ... }</c> or
/// <c>if (context.Response.HasStarted) return;</c>. The edge taken when it is false proves that the response has not
/// started, whatever ran before, so "started" does not flow along it. Any <c>HttpResponse</c> counts: a request has one.
/// </summary>
internal static class HasStartedGuards
{
    /// <summary>Whether <paramref name="branch"/> is only taken when <c>Response.HasStarted</c> is false.</summary>
    public static bool IsTakenWhenNotStarted(ControlFlowBranch branch, SessionSymbols symbols)
    {
        var source = branch.Source;
        if (source.ConditionKind == ControlFlowConditionKind.None || source.BranchValue is not { } condition)
        {
            return false;
        }

        // The conditional successor is taken when the branch value equals its condition kind; the fall-through otherwise.
        var valueOnBranch = branch.IsConditionalSuccessor == (source.ConditionKind == ControlFlowConditionKind.WhenTrue);
        condition = SessionEffects.Unwrap(condition);
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            valueOnBranch = !valueOnBranch;
            condition = SessionEffects.Unwrap(not.Operand);
        }

        return !valueOnBranch
            && condition is IPropertyReferenceOperation { Property: { Name: "HasStarted" } property }
            && SessionSymbols.Is(property.ContainingType, symbols.HttpResponse);
    }
}
