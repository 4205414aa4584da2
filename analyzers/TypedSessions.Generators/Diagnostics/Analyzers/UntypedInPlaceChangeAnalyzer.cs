using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0105 (info): a mutable value read through the untyped API (<c>Session.Get&lt;T&gt;</c>, <c>TryGet&lt;T&gt;</c>,
/// <c>SetDefault&lt;T&gt;</c>) is changed in place in the same method and never written back with <c>Set</c>.
/// </summary>
/// <remarks>
/// The runtime tracks every value these reads hand out from the session, so the change is saved: the rule only
/// suggests a typed <c>[SessionState]</c> property, which names the key and its type once. A fallback for a missing key
/// (<c>?? new()</c>, or the default of <c>Get(key, default)</c>) is a new value the session never saw: there the message
/// says that its change is lost.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class UntypedInPlaceChangeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.UntypedInPlaceChange];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (SessionSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            start.RegisterOperationBlockStartAction(block =>
            {
                var reads = new List<IInvocationOperation>();
                block.RegisterOperationAction(
                    operation =>
                    {
                        var invocation = (IInvocationOperation)operation.Operation;
                        if (UntypedReads.Describe(invocation, symbols) is not null)
                        {
                            lock (reads)
                            {
                                reads.Add(invocation);
                            }
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(end =>
                {
                    foreach (var read in reads)
                    {
                        Analyze(end, read, symbols);
                    }
                });
            });
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, IInvocationOperation read, SessionSymbols symbols)
    {
        IOperation top = read;
        while (top.Parent is not null)
        {
            top = top.Parent;
        }

        var value = UntypedReads.ValueHolder(read);
        var firstChange = UntypedReads.FirstInPlaceChange(top, read, value);
        if (firstChange is null || UntypedReads.IsWrittenBack(top, read, value, symbols))
        {
            return;
        }

        var api = UntypedReads.Describe(read, symbols)!;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.UntypedInPlaceChange,
            // items?.Add(x): the whole expression, not just '.Add(x)'.
            (firstChange.Parent is IConditionalAccessOperation access && access.WhenNotNull == firstChange ? access : firstChange).Syntax.GetLocation(),
            UntypedReads.KeyText(read),
            api,
            UntypedReads.HasFallback(read)
                ? "a stored value is saved, but the fallback for a missing key is a new value the session does not track, so its change is lost unless written back with Set (a typed [SessionState] property handles both)"
                : "this is saved, but a typed [SessionState] property would name the key and its type once"));
    }
}
