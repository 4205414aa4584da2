using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

public sealed partial class MiddlewareMissingAnalyzer
{
    // Per method: the UseTypedSessions() calls and the terminal middleware, compared at the end of the block.
    private static void RegisterOrderCheck(OperationBlockStartAnalysisContext block, SessionSymbols symbols)
    {
        var calls = new List<PipelineCall>();
        block.RegisterOperationAction(
            operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                var method = invocation.TargetMethod;
                var kind = method.Name switch
                {
                    "UseTypedSessions" when SessionSymbols.Is(method.ContainingType, symbols.ApplicationBuilderExtensions) => PipelineCallKind.UseTypedSessions,
                    "Run" when SessionSymbols.Is(method.ContainingType, symbols.RunExtensions) => PipelineCallKind.Terminal,
                    "UseEndpoints" when SessionSymbols.Is(method.ContainingType, symbols.EndpointRoutingExtensions) => PipelineCallKind.Terminal,
                    _ => PipelineCallKind.None,
                };
                if (kind != PipelineCallKind.None && Builder(invocation) is { } builder)
                {
                    lock (calls)
                    {
                        calls.Add(new PipelineCall(kind, invocation, builder, EnclosingFunction(invocation)));
                    }
                }
            },
            OperationKind.Invocation);
        block.RegisterOperationBlockEndAction(end => ReportOrder(end, calls));
    }

    private static void ReportOrder(OperationBlockAnalysisContext context, List<PipelineCall> calls)
    {
        foreach (var use in calls)
        {
            if (use.Kind != PipelineCallKind.UseTypedSessions)
            {
                continue;
            }

            PipelineCall? terminal = null;
            foreach (var candidate in calls)
            {
                if (candidate.Kind == PipelineCallKind.Terminal
                    && candidate.Start < use.Start
                    && SymbolEqualityComparer.Default.Equals(candidate.Builder, use.Builder)
                    && candidate.Function == use.Function
                    && (terminal is null || candidate.Start < terminal.Start))
                {
                    terminal = candidate;
                }
            }

            if (terminal is not null)
            {
                var line = terminal.Invocation.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.MiddlewareMissing,
                    NameLocation(use.Invocation),
                    [terminal.Invocation.Syntax.GetLocation()],
                    $"UseTypedSessions() is called after the terminal '{terminal.Invocation.TargetMethod.Name}(...)' on line {line}: requests never reach the session middleware; call it before"));
            }
        }
    }

    /// <summary>The local, parameter, field or property the call is made on (<c>app</c>), or null when it is an expression.</summary>
    private static ISymbol? Builder(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance ?? SessionEffects.ThisArgument(invocation);
        return receiver is null ? null : SessionEffects.Unwrap(receiver) switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
    }

    // Calls in different lambdas (app.Map("/a", branch => branch.Run(...))) build different pipelines.
    private static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    private enum PipelineCallKind
    {
        None,
        UseTypedSessions,
        Terminal,
    }

    private sealed record PipelineCall(PipelineCallKind Kind, IInvocationOperation Invocation, ISymbol Builder, IOperation? Function)
    {
        public int Start => Invocation.Syntax.SpanStart;
    }
}
