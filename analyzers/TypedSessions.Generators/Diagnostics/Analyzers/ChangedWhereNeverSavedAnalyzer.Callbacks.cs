using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using TypedSessions.Generators.Diagnostics.Usage;
using TypedSessions.Generators.Diagnostics.Usage.Flow;

namespace TypedSessions.Generators.Diagnostics.Analyzers;

public sealed partial class ChangedWhereNeverSavedAnalyzer
{
    private static void AnalyzeInvocation(OperationAnalysisContext context, SessionSymbols symbols, HelperSummaries helpers)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (DescribeCallback(invocation, symbols) is { } where)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (Lambda(argument.Value) is { } lambda)
                {
                    ReportChangesIn(context, lambda.Body, where, symbols, helpers);
                }
            }

            return;
        }

        AnalyzeUnawaitedCall(context, invocation, symbols, helpers);
    }

    private static void AnalyzeTimer(OperationAnalysisContext context, SessionSymbols symbols, HelperSummaries helpers)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (!SessionSymbols.Is(creation.Type, symbols.Timer))
        {
            return;
        }

        foreach (var argument in creation.Arguments)
        {
            if (Lambda(argument.Value) is { } lambda)
            {
                ReportChangesIn(context, lambda.Body, "in a timer callback, which outlives the request", symbols, helpers);
            }
        }
    }

    /// <summary>Where a callback passed to <paramref name="invocation"/> runs, for the message; null when it runs in the request.</summary>
    private static string? DescribeCallback(IInvocationOperation invocation, SessionSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (SessionSymbols.Is(type, symbols.HttpResponse) && method.Name == "OnCompleted")
        {
            return "inside a Response.OnCompleted callback, after the response was sent";
        }

        if (SessionSymbols.Is(type, symbols.ThreadPool) && method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem")
        {
            return $"in a thread-pool work item ('ThreadPool.{method.Name}'), which outlives the request";
        }

        // An awaited (or returned, or stored) task is the request's own work; a discarded one is not.
        var name = SessionSymbols.Is(type, symbols.Task) && method.Name == "Run" ? "Task.Run"
            : SessionSymbols.Is(type, symbols.TaskFactory) && method.Name == "StartNew" ? "Task.Factory.StartNew"
            : null;
        return name is not null && IsDiscarded(invocation)
            ? $"in fire-and-forget work ('{name}' is not awaited), which outlives the request"
            : null;
    }

    // _ = UpdateAsync(cart): the call runs on after the request when it awaits anything, and it changes the session.
    private static void AnalyzeUnawaitedCall(OperationAnalysisContext context, IInvocationOperation invocation, SessionSymbols symbols, HelperSummaries helpers)
    {
        if (!IsDiscarded(invocation) || !symbols.IsTaskLike(invocation.TargetMethod.ReturnType))
        {
            return;
        }

        if (ChangesAnArgument(context, invocation, symbols, helpers))
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ChangedWhereNeverSaved,
                invocation.Syntax.GetLocation(),
                $"in un-awaited async work ('{invocation.TargetMethod.Name}'), which outlives the request"));
        }
    }

    private static void ReportChangesIn(OperationAnalysisContext context, IOperation body, string where, SessionSymbols symbols, HelperSummaries helpers)
    {
        // The callback may change a local of the method around it (var lines = cart.Lines), so the whole body counts.
        var origins = ValueOrigins.Of(EnclosingFunctions.Root(body).DescendantsAndSelf());
        foreach (var operation in Walk(body, symbols))
        {
            var effect = SessionEffects.Classify(operation, symbols, origins);
            if (effect.Kind is SessionEffectKind.Change or SessionEffectKind.CycleKey
                && effect.Receiver is { } receiver
                && symbols.IsSessionLike(receiver.Type)
                && !RequestSessions.IsOpenedByManager(receiver, symbols))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ChangedWhereNeverSaved, operation.Syntax.GetLocation(), where));
            }
            else if (operation is IInvocationOperation call && ChangesAnArgument(context, call, symbols, helpers))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ChangedWhereNeverSaved, call.Syntax.GetLocation(), where));
            }
        }
    }

    // A helper in sight that changes the request's session or typed view it is given, as TS0101 follows helpers.
    private static bool ChangesAnArgument(OperationAnalysisContext context, IInvocationOperation call, SessionSymbols symbols, HelperSummaries helpers)
        => helpers.ChangedArguments(call, context.GetControlFlowGraph(), context.CancellationToken)
            .Any(value => !RequestSessions.IsOpenedByManager(value, symbols));

    // The callback's operations, without nested callbacks: those are reported on their own.
    private static IEnumerable<IOperation> Walk(IOperation root, SessionSymbols symbols)
    {
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            yield return operation;
            foreach (var child in operation.ChildOperations)
            {
                if (!IsNestedCallback(child, symbols))
                {
                    pending.Push(child);
                }
            }
        }
    }

    private static bool IsNestedCallback(IOperation operation, SessionSymbols symbols)
    {
        if (operation is not IArgumentOperation argument || Lambda(argument.Value) is null)
        {
            return false;
        }

        return argument.Parent switch
        {
            IInvocationOperation invocation => DescribeCallback(invocation, symbols) is not null,
            IObjectCreationOperation creation => SessionSymbols.Is(creation.Type, symbols.Timer),
            _ => false,
        };
    }

    private static IAnonymousFunctionOperation? Lambda(IOperation value)
        => SessionEffects.Unwrap(value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } ? lambda : null;

    /// <summary>Whether the call's result is dropped: <c>Task.Run(...);</c> or <c>_ = Task.Run(...);</c>.</summary>
    private static bool IsDiscarded(IInvocationOperation invocation)
    {
        var parent = invocation.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        return parent is IExpressionStatementOperation
            || (parent is ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation });
    }
}
