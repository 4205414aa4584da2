using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;
using TypedSessions.Generators.Diagnostics.Usage.Flow;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

public sealed partial class ChangedWhereNeverSavedAnalyzer
{
    // Only bodies with a direct write to the response get here (see the block flag in Initialize).
    private static void AnalyzeAfterResponse(OperationBlockAnalysisContext context, SessionSymbols symbols, HelperSummaries helpers)
    {
        foreach (var block in FlowBlocks.Of(context))
        {
            var function = FunctionGraph.Create(context.OwningSymbol as IMethodSymbol, context.GetControlFlowGraph(block), context.CancellationToken);
            foreach (var body in function.SelfAndNested())
            {
                AnalyzeBodyAfterResponse(context, body, symbols, helpers);
            }
        }
    }

    private static void AnalyzeBodyAfterResponse(OperationBlockAnalysisContext context, FunctionGraph body, SessionSymbols symbols, HelperSummaries helpers)
    {
        var starts = new List<(OperationSite Site, string Name)>();
        foreach (var site in body.Sites)
        {
            if (site.Operation is IInvocationOperation invocation && ResponseStarts.Describe(invocation, symbols) is { } name)
            {
                starts.Add((site, name));
            }
        }

        if (starts.Count == 0)
        {
            return;
        }

        var firstStart = starts.OrderBy(static start => start.Site.Operation.Syntax.SpanStart).First().Name;
        var reached = ReachableAfter.Compute(body.Graph, starts.Select(static start => start.Site.Block).Distinct());
        SessionRoots? opened = null;
        foreach (var site in body.Sites)
        {
            if (!reached[site.Block] && !starts.Any(start => start.Site.Block == site.Block && start.Site.IsBefore(site)))
            {
                continue;
            }

            var changed = ChangedRequestSession(site.Operation, body, symbols, helpers, context.CancellationToken);
            if (changed is null)
            {
                continue;
            }

            // A session opened through ISessionManager is saved explicitly, response or not.
            opened ??= SessionRoots.ForOpenedSessions(body, symbols, helpers, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), context.CancellationToken);
            if (opened.RootOf(changed) is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.ChangedWhereNeverSaved,
                    site.Operation.Syntax.GetLocation(),
                    $"after the response has started ('{firstStart}')"));
            }
        }
    }

    /// <summary>
    /// The session (or typed view) that <paramref name="operation"/> changes: directly, by a key cycle (the new key can no
    /// longer reach the cookie), or through a helper in sight that changes its parameter.
    /// </summary>
    private static IOperation? ChangedRequestSession(IOperation operation, FunctionGraph body, SessionSymbols symbols, HelperSummaries helpers, System.Threading.CancellationToken cancellationToken)
    {
        var effect = SessionEffects.Classify(operation, symbols, body.Origins);
        if (effect.Kind is SessionEffectKind.Change or SessionEffectKind.CycleKey && effect.Receiver is { } receiver)
        {
            return symbols.IsSessionLike(receiver.Type) ? receiver : null;
        }

        if (operation is IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter
                    && symbols.IsSessionLike(SessionEffects.Unwrap(argument.Value).Type)
                    && helpers.GetEffect(invocation.TargetMethod, parameter.Ordinal, body.Graph, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken) == HelperEffect.Changes)
                {
                    return argument.Value;
                }
            }
        }

        return null;
    }
}
