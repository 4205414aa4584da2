using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;
using TypedSessions.Generators.Diagnostics.Usage.Flow;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

public sealed partial class ChangedWhereNeverSavedAnalyzer
{
    private const string InsideStreamCallback = "inside a Results.Stream callback, after the response has started";

    // Only bodies that may start the response get here (see the block flag in Initialize).
    // What the block start saw saves passes over the body: with no mention of the body, no local holds it; with no
    // Results.Stream call, there is no stream callback; with neither, straight-line code whose changes all come before
    // the first start needs no control flow graph.
    private static void AnalyzeAfterResponse(OperationBlockAnalysisContext context, SessionSymbols symbols, HelperSummaries helpers, bool mentionsBody, bool streams)
    {
        foreach (var block in FlowBlocks.Of(context))
        {
            if (!streams && !mentionsBody && ChangesBeforeFirstStart.Covers(block, symbols))
            {
                continue;
            }

            var function = FunctionGraph.Create(context.OwningSymbol as IMethodSymbol, context.GetControlFlowGraph(block), context.CancellationToken);
            var streamCallbacks = streams ? StreamCallbacksIn(function, symbols) : [];
            foreach (var body in function.SelfAndNested())
            {
                if (body.Symbol is { } symbol && streamCallbacks.Contains(symbol))
                {
                    ReportRequestSessionChanges(context, body, body.Sites, InsideStreamCallback, symbols, helpers);
                }
                else
                {
                    AnalyzeBodyAfterResponse(context, body, symbols, helpers, mentionsBody);
                }
            }
        }
    }

    private static HashSet<IMethodSymbol> StreamCallbacksIn(FunctionGraph function, SessionSymbols symbols)
    {
        var callbacks = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var body in function.SelfAndNested())
        {
            foreach (var site in body.Sites)
            {
                if (site.Operation is IInvocationOperation invocation && StreamResultCallbacks.IsStreamResult(invocation, symbols))
                {
                    callbacks.UnionWith(StreamResultCallbacks.Of(invocation));
                }
            }
        }

        return callbacks;
    }

    private static void AnalyzeBodyAfterResponse(OperationBlockAnalysisContext context, FunctionGraph body, SessionSymbols symbols, HelperSummaries helpers, bool mentionsBody)
    {
        var bodies = mentionsBody ? ResponseBodies.Of(body, symbols) : ResponseBodies.None(symbols);
        var starts = new List<(OperationSite Site, string Where)>();
        foreach (var site in body.Sites)
        {
            if (site.Operation is IInvocationOperation invocation && ResponseStarts.Describe(invocation, symbols, bodies) is { } where)
            {
                starts.Add((site, where));
            }
        }

        if (starts.Count == 0)
        {
            return;
        }

        var firstStart = starts.OrderBy(static start => start.Site.Operation.Syntax.SpanStart).First().Where;
        var after = SitesAfter(body, starts.Select(static start => start.Site).ToList(), branch => HasStartedGuards.IsTakenWhenNotStarted(branch, symbols));
        ReportRequestSessionChanges(context, body, after, firstStart, symbols, helpers);
    }

    /// <summary>The operations that run after one of <paramref name="starts"/>: later in its block, or in a block reached from it.</summary>
    private static IEnumerable<OperationSite> SitesAfter(FunctionGraph body, List<OperationSite> starts, Func<ControlFlowBranch, bool>? stopsAt = null)
    {
        var reached = ReachableAfter.Compute(body.Graph, starts.Select(static start => start.Block).Distinct(), stopsAt);
        return body.Sites.Where(site => reached[site.Block] || starts.Any(start => start.Block == site.Block && start.IsBefore(site)));
    }

    // Changes of the request's session (not one the body opens through ISessionManager) among sites, each reported.
    private static void ReportRequestSessionChanges(
        OperationBlockAnalysisContext context, FunctionGraph body, IEnumerable<OperationSite> sites, string where, SessionSymbols symbols, HelperSummaries helpers)
    {
        SessionRoots? opened = null;
        foreach (var site in sites)
        {
            var changed = ChangedRequestSession(site.Operation, body, symbols, helpers, context.CancellationToken);
            if (changed is null)
            {
                continue;
            }

            // A session opened through ISessionManager is saved explicitly, response or not.
            opened ??= SessionRoots.ForOpenedSessions(body, symbols, helpers, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), context.CancellationToken);
            if (opened.RootOf(changed) is null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ChangedWhereNeverSaved, site.Operation.Syntax.GetLocation(), where));
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
            return helpers.ChangedArguments(invocation, body.Graph, cancellationToken).FirstOrDefault();
        }

        return null;
    }
}
