using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Environments;
using TypedSessions.Generators.Diagnostics.Usage;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0103: <c>AddTypedSessions()</c> is registered in an application that builds a request pipeline, but
/// <c>UseTypedSessions()</c> is never called; or <c>UseTypedSessions()</c> is called after terminal middleware
/// (<c>app.Run(handler)</c>, <c>app.UseEndpoints(...)</c>) on the same builder in the same method, where requests never
/// reach it; or every call is made only under an environment check (<c>if (app.Environment.IsDevelopment())</c>), so
/// that every request of the other environments fails.
/// </summary>
/// <remarks>
/// Order is textual within one method, as in ASP.NET Core's own middleware-order analyzers. <c>Map*</c> before
/// <c>Use*</c> is fine with minimal hosting (endpoints run at the end of the pipeline), so mapping is not terminal.
/// A compilation that never touches an <c>IApplicationBuilder</c> or <c>IEndpointRouteBuilder</c> (a worker that
/// only uses <c>ISessionManager</c>, a library that registers services) needs no middleware and is not reported.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class MiddlewareMissingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.MiddlewareMissing];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (SessionSymbols.TryCreate(start.Compilation) is not { ServiceCollectionExtensions: not null, ApplicationBuilderExtensions: not null } symbols)
            {
                return;
            }

            var pipeline = new PipelineFacts();
            var environments = EnvironmentSymbols.Create(start.Compilation);
            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    Observe(invocation, symbols, pipeline);
                    ObserveEnvironment(invocation, operation.ContainingSymbol, operation.Compilation, symbols, environments, pipeline);
                },
                OperationKind.Invocation);
            start.RegisterCompilationEndAction(end =>
            {
                ReportMissing(end, pipeline);
                ReportEnvironmentOnly(end, pipeline);
            });
            start.RegisterOperationBlockStartAction(block => RegisterOrderCheck(block, symbols));
        });
    }

    private static void Observe(IInvocationOperation invocation, SessionSymbols symbols, PipelineFacts pipeline)
    {
        var method = invocation.TargetMethod;
        if (method.Name == "AddTypedSessions" && SessionSymbols.Is(method.ContainingType, symbols.ServiceCollectionExtensions))
        {
            pipeline.Registrations.Add(NameLocation(invocation));
        }
        else if (method.Name == "UseTypedSessions" && SessionSymbols.Is(method.ContainingType, symbols.ApplicationBuilderExtensions))
        {
            pipeline.UsesMiddleware = true;
        }

        // Use*, Map* and Run* on an application or endpoint builder: this compilation builds a request pipeline.
        if (!pipeline.BuildsPipeline
            && (method.Name.StartsWith("Use", StringComparison.Ordinal) || method.Name.StartsWith("Map", StringComparison.Ordinal) || method.Name.StartsWith("Run", StringComparison.Ordinal))
            && (method.IsExtensionMethod && method.Parameters.Length > 0 ? method.Parameters[0].Type : method.ContainingType) is { } receiver
            && (IsOrImplements(receiver, symbols.ApplicationBuilder) || IsOrImplements(receiver, symbols.EndpointRouteBuilder)))
        {
            pipeline.BuildsPipeline = true;
        }
    }

    private static void ReportMissing(CompilationAnalysisContext context, PipelineFacts pipeline)
    {
        if (pipeline.UsesMiddleware || !pipeline.BuildsPipeline)
        {
            return;
        }

        foreach (var location in pipeline.Registrations.OrderBy(static l => l.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(static l => l.SourceSpan.Start))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MiddlewareMissing,
                location,
                "AddTypedSessions() is registered, but app.UseTypedSessions() is never called: no request gets a session, and every access to one throws"));
        }
    }

    private static bool IsOrImplements(ITypeSymbol type, INamedTypeSymbol? expected)
        => expected is not null
            && (SessionSymbols.Is(type, expected) || type.AllInterfaces.Any(candidate => SessionSymbols.Is(candidate, expected)));

    /// <summary>The method name of a call (<c>AddTypedSessions</c> in <c>services.AddTypedSessions(...)</c>), where the squiggle goes.</summary>
    private static Location NameLocation(IInvocationOperation invocation)
        => invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { } name } }
            ? name.GetLocation()
            : invocation.Syntax.GetLocation();

    /// <summary>What the whole compilation does with the pipeline, for the end action.</summary>
    private sealed class PipelineFacts
    {
        private volatile bool _usesMiddleware;
        private volatile bool _buildsPipeline;

        public ConcurrentBag<Location> Registrations { get; } = [];

        /// <summary>Every <c>UseTypedSessions()</c> call, with the environment checks it is made under.</summary>
        public ConcurrentBag<PipelineStep> Uses { get; } = [];

        /// <summary>Calls of the application's own methods that may build the pipeline, to follow a use up to its callers.</summary>
        public ConcurrentBag<PipelineStep> OwnCalls { get; } = [];

        public bool UsesMiddleware
        {
            get => _usesMiddleware;
            set => _usesMiddleware = value;
        }

        public bool BuildsPipeline
        {
            get => _buildsPipeline;
            set => _buildsPipeline = value;
        }
    }
}
