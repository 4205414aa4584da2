using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// The common shape of a job that needs no control flow graph: every session is opened into a local declared at the top
/// of the method and never reassigned, the method ends with a save of each (<c>await session.SaveAsync()</c>, or a
/// helper in sight that saves on every path), and nothing leaves the method before that: no <c>return</c>, no
/// <c>goto</c>, no <c>yield</c>. Every normal path then runs the saves after every change, and TS0101 has nothing to
/// report. Paths that throw do not count, as in the full analysis.
/// </summary>
/// <remarks>
/// A method with a lambda or local function takes the full analysis: a nested body may change a captured session
/// after the save.
/// </remarks>
internal static class SavedAtTheEnd
{
    public static bool Covers(IOperation block, SessionSymbols symbols, HelperSummaries helpers, CancellationToken cancellationToken)
    {
        if (block.Parent is not IMethodBodyOperation || block is not IBlockOperation { Operations: { Length: > 0 } statements } body)
        {
            return false;
        }

        var opened = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IReturnOperation or IAnonymousFunctionOperation or ILocalFunctionOperation:
                case IBranchOperation { BranchKind: not (BranchKind.Break or BranchKind.Continue) }:
                    return false;
                case IInvocationOperation invocation when SessionCalls.IsManagerOpenCall(invocation, symbols):
                    if (TopLevelLocalOpenedBy(invocation, body) is not { } local)
                    {
                        return false;
                    }

                    opened.Add(local);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when opened.Contains(target.Local):
                case IArgumentOperation { Parameter.RefKind: not RefKind.None, Value: ILocalReferenceOperation passed } when opened.Contains(passed.Local):
                    return false;
            }
        }

        // The trailing statements save each session; the first one that does not ends the run.
        for (var i = statements.Length - 1; i >= 0 && opened.Count > 0; i--)
        {
            if (!RemoveSaved(statements[i], opened, symbols, helpers, cancellationToken))
            {
                break;
            }
        }

        return opened.Count == 0;
    }

    // var session = await sessions.OpenAsync(key); as a statement of the method's own block.
    private static ILocalSymbol? TopLevelLocalOpenedBy(IInvocationOperation open, IBlockOperation body)
    {
        var value = open.Parent is IAwaitOperation awaited ? awaited : (IOperation)open;
        return value.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
            && declarator.Parent?.Parent?.Parent == body
                ? declarator.Symbol
                : null;
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
