using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;
using TypedSessions.Generators.Diagnostics.Usage.Flow;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0102: the request's session state is changed where the change can never be saved: after the response has
/// started (in the same body, on a path after a write to the response, or inside a <c>Results.Stream</c> callback),
/// inside a <c>Response.OnCompleted</c> callback, or in work that outlives the request (a <c>Task.Run</c> that is not
/// awaited, a timer or thread-pool callback, an un-awaited async call that changes the session it is given).
/// </summary>
/// <remarks>
/// The middleware saves the session when the response starts, so a change after that point reaches neither the store
/// nor the cookie. Sessions opened through <c>ISessionManager</c> are saved explicitly and are TS0101's business.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class ChangedWhereNeverSavedAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [DiagnosticDescriptors.ChangedWhereNeverSaved];

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (SessionSymbols.TryCreate(start.Compilation) is not { } symbols || symbols.HttpResponse is null)
            {
                return;
            }

            var helpers = new HelperSummaries(symbols);
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, symbols, helpers));
            start.RegisterOperationAction(operation => AnalyzeInvocation(operation, symbols, helpers), OperationKind.Invocation);
            start.RegisterOperationAction(operation => AnalyzeTimer(operation, symbols, helpers), OperationKind.ObjectCreation);
        });
    }

    // One walk per body: only a body that may start the response, or that holds async void code, pays for a control flow
    // graph. Flows of the body into locals can't be seen from one call, so any mention of Response.Body or BodyWriter
    // counts as a possible start.
    private static void AnalyzeBlock(OperationBlockAnalysisContext context, SessionSymbols symbols, HelperSummaries helpers)
    {
        var starts = false;
        var asyncVoid = IsAsyncVoid(context.OwningSymbol as IMethodSymbol);
        foreach (var operation in BlockOperations.Of(context))
        {
            switch (operation)
            {
                case IInvocationOperation invocation when !starts:
                    starts = ResponseStarts.IsDirect(invocation, symbols) || StreamResultCallbacks.IsStreamResult(invocation, symbols);
                    break;
                case IPropertyReferenceOperation reference when !starts:
                    starts = ResponseBodies.IsBodyProperty(reference.Property, symbols);
                    break;
                case IAnonymousFunctionOperation lambda when !asyncVoid:
                    asyncVoid = IsAsyncVoid(lambda.Symbol);
                    break;
                case ILocalFunctionOperation local when !asyncVoid:
                    asyncVoid = IsAsyncVoid(local.Symbol);
                    break;
            }
        }

        if (asyncVoid)
        {
            AnalyzeAsyncVoid(context, symbols, helpers);
        }

        if (starts)
        {
            AnalyzeAfterResponse(context, symbols, helpers);
        }
    }
}
