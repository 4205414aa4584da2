using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// The call behind a task that is blocked on, also when the task was kept in a local first (TS0104):
/// <c>var loading = context.GetSessionAsync(); … loading.Result</c>.
/// </summary>
/// <remarks>
/// A local counts only where the blocking call is the task's first use since it was assigned: after an <c>await</c>,
/// a <c>Task.WhenAll</c>, a completion check or any other use, the task may have completed and blocking on it costs
/// nothing. The values that can reach the blocking call are the last assignment that every path passes (a statement
/// of a block around it) and the assignments after it on some paths only (in an <c>if</c>, a loop, a <c>try</c>).
/// </remarks>
internal static class StoredTasks
{
    // var opening = sessions.OpenAsync(key).AsTask(); var task = opening; … is as far as anyone goes.
    private const int MaxLocals = 4;

    /// <summary>
    /// The session I/O call whose task <paramref name="awaitable"/> is, through <c>ConfigureAwait</c>, <c>AsTask</c>
    /// and locals the task was kept in; null for anything else.
    /// </summary>
    public static IInvocationOperation? SessionCall(IOperation awaitable, SessionSymbols symbols, int locals = 0)
    {
        var current = SessionEffects.Unwrap(awaitable);
        while (current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask", Instance: { } inner })
        {
            current = SessionEffects.Unwrap(inner);
        }

        switch (current)
        {
            case IInvocationOperation call:
                return SessionCalls.IsSessionIo(call, symbols) ? call : null;
            case ILocalReferenceOperation local when locals < MaxLocals:
                foreach (var value in ValuesReaching(local))
                {
                    if (SessionCall(value, symbols, locals + 1) is { } call)
                    {
                        return call;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    // The values the local may hold at 'use', or none when the local was used in between.
    private static IEnumerable<IOperation> ValuesReaching(ILocalReferenceOperation use)
    {
        var position = use.Syntax.SpanStart;
        var writes = new List<(IOperation Write, IOperation? Value)>();
        var uses = new List<int>();
        foreach (var operation in DeclaringScope(use).Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, use.Local) && declarator.Syntax.Span.End <= position:
                    writes.Add((declarator, declarator.GetVariableInitializer()?.Value));
                    break;
                case ILocalReferenceOperation reference when reference != use && SymbolEqualityComparer.Default.Equals(reference.Local, use.Local) && reference.Syntax.SpanStart < position:
                    if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                    {
                        if (assignment.Syntax.Span.End <= position)
                        {
                            writes.Add((assignment, assignment.Value));
                        }
                    }
                    else
                    {
                        uses.Add(reference.Syntax.SpanStart);
                    }

                    break;
            }
        }

        if (writes.Count == 0)
        {
            return [];
        }

        writes.Sort(static (left, right) => left.Write.Syntax.SpanStart.CompareTo(right.Write.Syntax.SpanStart));
        var first = writes.FindLastIndex(write => IsOnEveryPath(write.Write, use));
        var reaching = writes.Skip(first < 0 ? 0 : first).ToList();
        var from = first < 0 ? reaching[0].Write.Syntax.SpanStart : reaching[0].Write.Syntax.Span.End;
        return uses.Any(usePosition => usePosition >= from)
            ? []
            : reaching.Where(static write => write.Value is not null).Select(static write => write.Value!);
    }

    // The block, loop, using, catch or switch section that declares the local: no reference to it is outside.
    private static IOperation DeclaringScope(ILocalReferenceOperation use)
    {
        for (var current = use.Parent; current is not null; current = current.Parent)
        {
            var locals = current switch
            {
                IBlockOperation block => block.Locals,
                ILoopOperation loop => loop.Locals,
                IUsingOperation statement => statement.Locals,
                ICatchClauseOperation clause => clause.Locals,
                ISwitchCaseOperation section => section.Locals,
                _ => [],
            };
            if (locals.Contains(use.Local, SymbolEqualityComparer.Default))
            {
                return current;
            }
        }

        return EnclosingFunctions.Root(use);
    }

    // A statement of its own ('t = x;', 'var t = x;') in a block around the use: every path to the use passes it (gotos aside).
    private static bool IsOnEveryPath(IOperation write, IOperation use)
    {
        IOperation? statement = write switch
        {
            ISimpleAssignmentOperation { Parent: IExpressionStatementOperation expression } => expression,
            IVariableDeclaratorOperation { Parent.Parent: IVariableDeclarationGroupOperation group } => group,
            _ => null,
        };
        return statement?.Parent is IBlockOperation block && EnclosingFunctions.IsWithin(use, block);
    }
}
