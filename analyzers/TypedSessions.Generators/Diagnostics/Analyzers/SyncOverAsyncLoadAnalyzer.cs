using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0104: <c>.Result</c>, <c>.Wait()</c> or <c>.GetAwaiter().GetResult()</c> on a session I/O call
/// (<c>GetSessionAsync</c>, <c>GetSessionStateAsync&lt;T&gt;</c>, <c>ISessionManager</c>'s methods, <c>SaveAsync</c>,
/// <c>FlushAsync</c>, <c>CycleKeyAsync</c>, ASP.NET's <c>ISession.LoadAsync</c>/<c>CommitAsync</c>), through
/// <c>ConfigureAwait</c> and <c>AsTask</c>, also when the task was kept in a local and this is its first use since
/// (<c>var loading = context.GetSessionAsync(); … loading.Result</c>). The code fix awaits the call (or the local) where
/// the enclosing function is already async.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncOverAsyncLoadAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.SyncOverAsyncLoad];

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

            start.RegisterOperationAction(
                operation =>
                {
                    var property = (IPropertyReferenceOperation)operation.Operation;
                    if (property is { Property.Name: "Result", Instance: { } task } && symbols.IsTaskLike(property.Property.ContainingType))
                    {
                        Analyze(operation, task, ".Result", symbols);
                    }
                },
                OperationKind.PropertyReference);
            start.RegisterOperationAction(
                operation =>
                {
                    var invocation = (IInvocationOperation)operation.Operation;
                    switch (invocation)
                    {
                        case { TargetMethod.Name: "Wait", Instance: { } task } when symbols.IsTaskLike(invocation.TargetMethod.ContainingType):
                            Analyze(operation, task, ".Wait()", symbols);
                            break;
                        case { TargetMethod.Name: "GetResult", Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable } }:
                            Analyze(operation, awaitable, ".GetAwaiter().GetResult()", symbols);
                            break;
                    }
                },
                OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, IOperation awaitable, string blocking, SessionSymbols symbols)
    {
        if (StoredTasks.SessionCall(awaitable, symbols) is not { } call)
        {
            return;
        }

        // The fix awaits what was blocked on, ConfigureAwait included; AsTask() only served the blocking call.
        var awaited = SessionEffects.Unwrap(awaitable) is IInvocationOperation { TargetMethod.Name: "AsTask", Instance: { } valueTask } ? valueTask : awaitable;
        var properties = CanAwait(context.Operation, context.ContainingSymbol)
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.CanAwait, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.SyncOverAsyncLoad,
            context.Operation.Syntax.GetLocation(),
            [awaited.Syntax.GetLocation()],
            properties,
            call.TargetMethod.Name + "()" + blocking));
    }

    /// <summary>
    /// Whether <c>await</c> is legal where <paramref name="operation"/> is: in an async method, lambda or local function,
    /// or in top-level statements, and not inside a <c>lock</c>. Making a synchronous method async would change its
    /// signature and every caller, which is not a local fix.
    /// </summary>
    private static bool CanAwait(IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILockOperation:
                    return false;
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol.IsAsync;
                case ILocalFunctionOperation localFunction:
                    return localFunction.Symbol.IsAsync;
            }
        }

        return containingSymbol is IMethodSymbol { IsAsync: true } or IMethodSymbol { Name: "<Main>$" };
    }
}
