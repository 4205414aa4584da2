using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;
using TypedSessions.Generators.Diagnostics.Usage.Flow;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

public sealed partial class ChangedWhereNeverSavedAnalyzer
{
    // An async void method or lambda returns to its caller at its first await that does not complete at once: the rest
    // runs when the request may be over, and nothing waits for it. There is no dropped task to see, so the body is read.
    // Only blocks that declare one get here (see the block flag in Initialize).
    private static void AnalyzeAsyncVoid(OperationBlockAnalysisContext context, SessionSymbols symbols, HelperSummaries helpers)
    {
        foreach (var block in FlowBlocks.Of(context))
        {
            var function = FunctionGraph.Create(context.OwningSymbol as IMethodSymbol, context.GetControlFlowGraph(block), context.CancellationToken);
            foreach (var body in function.SelfAndNested())
            {
                if (IsAsyncVoid(body.Symbol))
                {
                    AnalyzeBodyAfterAwait(context, body, symbols, helpers);
                }
            }
        }
    }

    /// <summary>Whether <paramref name="method"/> is an async method, lambda or local function that returns nothing.</summary>
    private static bool IsAsyncVoid(IMethodSymbol? method) => method is { IsAsync: true, ReturnsVoid: true };

    private static void AnalyzeBodyAfterAwait(OperationBlockAnalysisContext context, FunctionGraph body, SessionSymbols symbols, HelperSummaries helpers)
    {
        var awaits = body.Sites.Where(static site => site.Operation is IAwaitOperation).ToList();
        if (awaits.Count == 0)
        {
            return;
        }

        var where = body.Symbol!.MethodKind == MethodKind.AnonymousFunction
            ? "after an await in an async void lambda, which nothing waits for"
            : $"after an await in async void '{body.Symbol.Name}', which nothing waits for";
        ReportRequestSessionChanges(context, body, SitesAfter(body, awaits), where, symbols, helpers);
    }
}
