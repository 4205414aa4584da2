using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// The lambdas given to <c>Results.Stream</c> or <c>TypedResults.Stream</c>: their <c>Stream</c> parameter is the
/// response body, and they run when the result executes, after the handler has returned. Their whole body is there to
/// write the response, so a session change inside one is treated as after the start.
/// </summary>
internal static class StreamResultCallbacks
{
    public static bool IsStreamResult(IInvocationOperation invocation, SessionSymbols symbols)
    {
        var method = invocation.TargetMethod;
        return method.Name == "Stream"
            && (SessionSymbols.Is(method.ContainingType, symbols.Results) || SessionSymbols.Is(method.ContainingType, symbols.TypedResults));
    }

    /// <summary>The symbols of the callbacks that <paramref name="invocation"/> (a <c>Results.Stream</c> call in a control flow graph) is given.</summary>
    public static IEnumerable<IMethodSymbol> Of(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (SessionEffects.Unwrap(argument.Value) is IDelegateCreationOperation { Target: IFlowAnonymousFunctionOperation lambda })
            {
                yield return lambda.Symbol;
            }
        }
    }
}
