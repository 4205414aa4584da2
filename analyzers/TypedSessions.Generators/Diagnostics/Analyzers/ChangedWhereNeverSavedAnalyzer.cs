using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;
using TypedSessions.Generators.Diagnostics.Usage.Flow;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

/// <summary>
/// TS0102: the request's session state is changed where the change can never be saved: after the response has
/// started (in the same body, on a path after a write to the response or after the next middleware ran, or inside a
/// <c>Results.Stream</c> callback), inside a <c>Response.OnCompleted</c> callback, or in work that outlives the request
/// (a <c>Task.Run</c> that is not awaited, a timer or thread-pool callback, an un-awaited async call that changes the
/// session it is given, an <c>async void</c> method or lambda after its first await).
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
            start.RegisterOperationBlockStartAction(block =>
            {
                var asyncVoid = new BlockFlag();
                if (IsAsyncVoid(block.OwningSymbol as IMethodSymbol))
                {
                    asyncVoid.Set();
                }

                block.RegisterOperationAction(
                    operation =>
                    {
                        var function = operation.Operation switch
                        {
                            IAnonymousFunctionOperation lambda => lambda.Symbol,
                            ILocalFunctionOperation local => local.Symbol,
                            _ => null,
                        };
                        if (IsAsyncVoid(function))
                        {
                            asyncVoid.Set();
                        }
                    },
                    OperationKind.AnonymousFunction,
                    OperationKind.LocalFunction);
                // A call that starts the response by itself or takes a Results.Stream callback, or any mention of Body or
                // BodyWriter in the code (the body may flow into a local or a writer that is written later). The mention is
                // read from the syntax tokens: cheaper than an action on every property reference.
                var mentionsBody = MentionsResponseBody(block.OperationBlocks);
                var starts = new BlockFlag();
                var streams = new BlockFlag();
                if (mentionsBody)
                {
                    starts.Set();
                }

                block.RegisterOperationAction(
                    operation =>
                    {
                        var invocation = (IInvocationOperation)operation.Operation;
                        if (StreamResultCallbacks.IsStreamResult(invocation, symbols))
                        {
                            starts.Set();
                            streams.Set();
                        }
                        else if (!starts.IsSet && ResponseStarts.IsDirect(invocation, symbols))
                        {
                            starts.Set();
                        }
                    },
                    OperationKind.Invocation);
                block.RegisterOperationBlockEndAction(end =>
                {
                    if (asyncVoid.IsSet)
                    {
                        AnalyzeAsyncVoid(end, symbols, helpers);
                    }

                    if (starts.IsSet)
                    {
                        AnalyzeAfterResponse(end, symbols, helpers, mentionsBody, streams.IsSet);
                    }
                });
            });
            start.RegisterOperationAction(operation => AnalyzeInvocation(operation, symbols, helpers), OperationKind.Invocation);
            start.RegisterOperationAction(operation => AnalyzeTimer(operation, symbols, helpers), OperationKind.ObjectCreation);
        });
    }

    private static bool MentionsResponseBody(ImmutableArray<IOperation> blocks)
    {
        foreach (var block in blocks)
        {
            foreach (var token in block.Syntax.DescendantTokens())
            {
                if (token.ValueText is "Body" or "BodyWriter")
                {
                    return true;
                }
            }
        }

        return false;
    }
}
