using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// The common shapes of a job that need no control flow graph. Every session is opened into a local declared by a
/// statement of some block, never reassigned nor passed by <c>ref</c>, and saved (<c>await session.SaveAsync()</c>, or a
/// helper in sight that saves on every path) either:
/// <list type="bullet">
/// <item>by the block's last statements, with nothing in between that leaves the block: no <c>return</c>, no
/// <c>goto</c>, no <c>yield</c>, no <c>break</c> or <c>continue</c> out of it;</item>
/// <item>or in the trailing statements of the <c>finally</c> of the first statement that uses it, a <c>try</c> that is
/// also its last use: every way out of the <c>try</c> runs the save.</item>
/// </list>
/// Every normal path then runs a save after every change, and TS0101 has nothing to report. Paths that throw do not
/// count, as in the full analysis.
/// </summary>
/// <remarks>
/// A method with a lambda or local function takes the full analysis: a nested body may change a captured session
/// after the save.
/// </remarks>
internal static class SavedAtTheEnd
{
    public static bool Covers(IOperation block, SessionSymbols symbols, HelperSummaries helpers, CancellationToken cancellationToken)
    {
        if (block.Parent is not IMethodBodyOperation || block is not IBlockOperation body)
        {
            return false;
        }

        var opened = new Dictionary<ILocalSymbol, (IBlockOperation Scope, int Index)>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
                case IInvocationOperation invocation when SessionCalls.IsManagerOpenCall(invocation, symbols):
                    if (DeclarationOf(invocation) is not { } declaration)
                    {
                        return false;
                    }

                    opened[declaration.Local] = (declaration.Scope, declaration.Index);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when opened.ContainsKey(target.Local):
                case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation passed } when opened.ContainsKey(passed.Local):
                    return false;
            }
        }

        foreach (var scope in opened.GroupBy(static pair => pair.Value.Scope))
        {
            var unsaved = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            var firstIndex = int.MaxValue;
            foreach (var pair in scope)
            {
                if (!IsSavedByFinally(pair.Key, scope.Key, pair.Value.Index, symbols, helpers, cancellationToken))
                {
                    unsaved.Add(pair.Key);
                    firstIndex = Math.Min(firstIndex, pair.Value.Index);
                }
            }

            if (unsaved.Count > 0 && (LeavesBlock(scope.Key, firstIndex + 1) || !RemoveTrailingSaves(scope.Key.Operations, unsaved, symbols, helpers, cancellationToken)))
            {
                return false;
            }
        }

        return true;
    }

    // var session = await sessions.OpenAsync(key); as a statement of a block.
    private static (ILocalSymbol Local, IBlockOperation Scope, int Index)? DeclarationOf(IInvocationOperation open)
    {
        var value = open.Parent is IAwaitOperation awaited ? awaited : (IOperation)open;
        if (value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
            && declarator.Parent?.Parent is { Parent: IBlockOperation scope } statement)
        {
            return (declarator.Symbol, scope, scope.Operations.IndexOf(statement));
        }

        return null;
    }

    // The first statement after the declaration that uses the session is a try whose finally ends with its save, and
    // nothing after the try uses it.
    private static bool IsSavedByFinally(ILocalSymbol local, IBlockOperation scope, int index, SessionSymbols symbols, HelperSummaries helpers, CancellationToken cancellationToken)
    {
        var statements = scope.Operations;
        var user = index + 1;
        while (user < statements.Length && !Uses(statements[user], local))
        {
            user++;
        }

        if (user == statements.Length || statements[user] is not ITryOperation { Finally: { } final })
        {
            return false;
        }

        for (var later = user + 1; later < statements.Length; later++)
        {
            if (Uses(statements[later], local))
            {
                return false;
            }
        }

        var unsaved = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default) { local };
        return RemoveTrailingSaves(final.Operations, unsaved, symbols, helpers, cancellationToken);
    }

    private static bool Uses(IOperation statement, ILocalSymbol local)
    {
        foreach (var operation in statement.DescendantsAndSelf())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                return true;
            }
        }

        return false;
    }

    // Whether a statement from the given one on can leave the block other than by its end (or by throwing): a return or
    // yield, a goto, or a break or continue that no loop or switch inside those statements catches.
    private static bool LeavesBlock(IBlockOperation scope, int from)
    {
        for (var i = from; i < scope.Operations.Length; i++)
        {
            foreach (var operation in scope.Operations[i].DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IReturnOperation:
                    case IBranchOperation { BranchKind: not (BranchKind.Break or BranchKind.Continue) }:
                        return true;
                    case IBranchOperation branch when !IsCaughtInside(branch, scope):
                        return true;
                }
            }
        }

        return false;
    }

    private static bool IsCaughtInside(IBranchOperation branch, IBlockOperation scope)
    {
        for (var parent = branch.Parent; parent is not null && parent != scope; parent = parent.Parent)
        {
            if (parent is ILoopOperation || (parent is ISwitchOperation && branch.BranchKind == BranchKind.Break))
            {
                return true;
            }
        }

        return false;
    }

    // The trailing statements save each session; the first one that does not ends the run.
    private static bool RemoveTrailingSaves(ImmutableArray<IOperation> statements, HashSet<ILocalSymbol> unsaved, SessionSymbols symbols, HelperSummaries helpers, CancellationToken cancellationToken)
    {
        for (var i = statements.Length - 1; i >= 0 && unsaved.Count > 0; i--)
        {
            if (!RemoveSaved(statements[i], unsaved, symbols, helpers, cancellationToken))
            {
                break;
            }
        }

        return unsaved.Count == 0;
    }

    // await session.SaveAsync(...), or await SaveAndLogAsync(session) with a helper that saves on every path every
    // session it is given: removes those sessions from the ones still to save, or says the statement is something else.
    private static bool RemoveSaved(IOperation statement, HashSet<ILocalSymbol> opened, SessionSymbols symbols, HelperSummaries helpers, CancellationToken cancellationToken)
    {
        if (statement is not IExpressionStatementOperation { Operation: IAwaitOperation { Operation: IInvocationOperation call } })
        {
            return false;
        }

        if (SessionEffects.Classify(call, symbols) is { IsSave: true, Receiver: { } receiver })
        {
            return SessionEffects.Unwrap(receiver) is ILocalReferenceOperation local && opened.Remove(local.Local);
        }

        var saved = new List<ILocalSymbol>();
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is not { } parameter || !symbols.IsSessionLike(argument.Value.Type))
            {
                continue;
            }

            // A helper that saves one session and changes another leaves the other unsaved.
            if (SessionEffects.Unwrap(argument.Value) is not ILocalReferenceOperation local
                || helpers.GetEffect(call.TargetMethod, parameter.Ordinal, call.SemanticModel, cancellationToken) != HelperEffect.Saves)
            {
                return false;
            }

            saved.Add(local.Local);
        }

        var any = false;
        foreach (var local in saved)
        {
            any |= opened.Remove(local);
        }

        return any;
    }
}
