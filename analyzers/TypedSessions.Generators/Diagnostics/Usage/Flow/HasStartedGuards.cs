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
        => BranchConditions.Tested(branch) is ({ } operand, false)
            && operand is IPropertyReferenceOperation { Property: { Name: "HasStarted" } property }
            && SessionSymbols.Is(property.ContainingType, symbols.HttpResponse);
}
