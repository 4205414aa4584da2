using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0105 (info): a mutable value read through the untyped API (<c>Session.Get&lt;T&gt;</c>, <c>TryGet&lt;T&gt;</c>,
/// <c>SetDefault&lt;T&gt;</c>) is changed in place and never written back with <c>Set</c> by the function that read it: the
/// lambda or local function (each endpoint lambda of a route group on its own), or the method body outside them.
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
                var writes = new List<IInvocationOperation>();
                block.RegisterOperationAction(
                    operation =>
                    {
                        var invocation = (IInvocationOperation)operation.Operation;
                        var list = UntypedReads.Describe(invocation, symbols) is not null ? reads
                            : UntypedReads.IsWrite(invocation, symbols) ? writes
                            : null;
                        if (list is not null)
                        {
                            lock (list)
                            {
                                list.Add(invocation);
                            }
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(end =>
                {
                    foreach (var read in reads)
                    {
                        Analyze(end, read, writes, symbols);
                    }
                });
            });
        });
    }

    private static void Analyze(OperationBlockAnalysisContext context, IInvocationOperation read, List<IInvocationOperation> writes, SessionSymbols symbols)
    {
        // The lambda or local function that read the value (each endpoint of a route group is one), or the member's body.
        var function = EnclosingFunctions.Of(read);
        var value = UntypedReads.ValueHolder(read);
        var firstChange = UntypedReads.FirstInPlaceChange(function, read, value);
        if (firstChange is null || UntypedReads.IsWrittenBack(read, value, function, writes))
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
