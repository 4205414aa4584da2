using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Environments;
using TypedSessions.Generators.Diagnostics.Usage;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

// UseTypedSessions() reached only under environment checks. Each call records the checks around it in its own function;
// at the end of the compilation a use is followed up through the application's own methods that lead to it (an
// extension method, a Startup helper, a local function) to a function nobody in the compilation calls (Program's top
// level, Startup.Configure, a library's public extension). The middleware is missing in some environment when the
// paths of all uses, together, leave one out.
public sealed partial class MiddlewareMissingAnalyzer
{
    /// <summary>Past this many paths from the uses to their entry points, nothing is reported.</summary>
    private const int MaxPaths = 64;

    private const int MaxDepth = 8;

    private static void ObserveEnvironment(
        IInvocationOperation invocation,
        ISymbol member,
        Compilation compilation,
        SessionSymbols symbols,
        EnvironmentSymbols environments,
        PipelineFacts pipeline)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (method.Name == "UseTypedSessions" && SessionSymbols.Is(method.ContainingType, symbols.ApplicationBuilderExtensions))
        {
            var (guard, function) = EnvironmentGuard.Find(invocation, member, environments);
            pipeline.Uses.Add(new PipelineStep(function, Callee: null, guard, SiteLocation(invocation), method.Name));
        }
        else if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly) && MayBuildPipeline(method, symbols))
        {
            var (guard, function) = EnvironmentGuard.Find(invocation, member, environments);
            pipeline.OwnCalls.Add(new PipelineStep(function, method.OriginalDefinition, guard, SiteLocation(invocation), method.Name));
        }
    }

    /// <summary>A local function (it can use the application it captures), or a method given an application builder.</summary>
    private static bool MayBuildPipeline(IMethodSymbol method, SessionSymbols symbols)
        => method.MethodKind == MethodKind.LocalFunction
            || method.Parameters.Any(parameter => IsOrImplements(parameter.Type, symbols.ApplicationBuilder));

    private static void ReportEnvironmentOnly(CompilationAnalysisContext context, PipelineFacts pipeline)
    {
        if (pipeline.Uses.IsEmpty)
        {
            return;
        }

        var callers = pipeline.OwnCalls
            .GroupBy(static call => call.Callee!, SymbolEqualityComparer.Default)
            .ToDictionary(static group => group.Key, static group => group.ToList(), SymbolEqualityComparer.Default);
        var paths = new List<(EnvironmentGuard Guard, PipelineStep Site)>();
        foreach (var use in pipeline.Uses)
        {
            if (!Follow(use, EnvironmentGuard.None, use, depth: 0, ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default), callers, paths))
            {
                return;
            }
        }

        var reachable = paths.Where(static path => path.Guard.IsReachable).ToList();
        if (reachable.Count == 0 || EnvironmentCoverage.ReachesEveryEnvironment([.. reachable.SelectMany(static path => path.Guard.Alternatives)]))
        {
            return;
        }

        foreach (var (guard, site) in reachable
            .GroupBy(static path => path.Site.Location)
            .Select(static group => group.First())
            .OrderBy(static path => path.Site.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(static path => path.Site.Location.SourceSpan.Start))
        {
            var through = site.Callee is null ? "" : $" through '{site.Name}'";
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MiddlewareMissing,
                site.Location,
                $"UseTypedSessions() is called{through} only when {string.Join(" and ", guard.Conditions)}: in every other environment no request gets a session, and every access to one throws; call it in every environment"));
        }
    }

    /// <summary>
    /// Adds the paths from <paramref name="step"/> up to the functions nobody calls, with their guards, and the outermost
    /// call made under a check (where the diagnostic goes). False when there are too many to judge.
    /// </summary>
    private static bool Follow(
        PipelineStep step,
        EnvironmentGuard inner,
        PipelineStep site,
        int depth,
        ImmutableHashSet<ISymbol> visited,
        Dictionary<ISymbol, List<PipelineStep>> callers,
        List<(EnvironmentGuard Guard, PipelineStep Site)> paths)
    {
        var guard = inner.Within(step.Guard);
        site = step.Guard.IsRestricted ? step : site;
        var outer = callers.TryGetValue(step.Function.OriginalDefinition, out var calls) && depth < MaxDepth
            ? calls.Where(call => !visited.Contains(call.Function)).ToList()
            : [];
        if (outer.Count == 0)
        {
            paths.Add((guard, site));
            return paths.Count <= MaxPaths;
        }

        var nextVisited = visited.Add(step.Function);
        return outer.All(call => Follow(call, guard, site, depth + 1, nextVisited, callers, paths));
    }

    /// <summary>The called name (<c>UseTypedSessions</c> in <c>app.UseTypedSessions()</c>, <c>Configure</c> in <c>Configure()</c>).</summary>
    private static Location SiteLocation(IInvocationOperation invocation)
        => invocation.Syntax is InvocationExpressionSyntax { Expression: var expression }
            ? expression switch
            {
                MemberAccessExpressionSyntax memberAccess => memberAccess.Name.GetLocation(),
                SimpleNameSyntax name => name.GetLocation(),
                _ => invocation.Syntax.GetLocation(),
            }
            : invocation.Syntax.GetLocation();

    /// <summary>A call of <c>UseTypedSessions()</c> (no callee) or of one of the application's own methods, where it is made.</summary>
    private sealed record PipelineStep(ISymbol Function, ISymbol? Callee, EnvironmentGuard Guard, Location Location, string Name);
}
