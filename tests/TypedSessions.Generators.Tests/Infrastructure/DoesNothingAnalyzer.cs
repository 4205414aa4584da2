using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace TypedSessions.Generators.Tests.Infrastructure;

// A yardstick that lives in the tests and benchmarks and is never shipped: the rules for shipped analyzers do not apply.
#pragma warning disable RS1036, RS1038, RS1041, RS2008
/// <summary>
/// Subscribes to what the TypedSessions analyzers subscribe to and does nothing, so that the compiler does the same
/// work for it as for them (operation trees, the event queue): what remains above it is the rules' own cost.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class DoesNothingAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("COST0001", "Never reported", "Never reported", "Cost", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Never];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationBlockStartAction(static block =>
        {
            block.RegisterOperationAction(static _ => { }, OperationKind.Invocation);
            block.RegisterOperationBlockEndAction(static _ => { });
        });
        context.RegisterOperationAction(static _ => { }, OperationKind.Invocation, OperationKind.ObjectCreation);
        context.RegisterSymbolAction(static _ => { }, SymbolKind.NamedType, SymbolKind.Property);
    }
}
#pragma warning restore RS1036, RS1038, RS1041, RS2008
