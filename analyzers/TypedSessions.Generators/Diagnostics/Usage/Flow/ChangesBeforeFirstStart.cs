using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage.Flow;

/// <summary>
/// The common shape of a handler that needs no control flow graph for TS0102: it changes the session, then writes the
/// response, and runs straight through (no loop, no <c>goto</c>, no lambda or local function). Code like that runs in
/// the order it is written, so an operation that ends before the first response start begins runs before it; when no
/// operation that may change a session comes later, there is nothing to report.
/// </summary>
/// <remarks>
/// "May change" is read broadly, so that the shortcut never hides a change: any assignment to something other than a
/// local, any call of a mutating member or of the session API, any call handed a session or typed view. Everything
/// else gets the full analysis. Body writes through locals and <c>Results.Stream</c> callbacks are for the full
/// analysis too; the caller takes this only when the code names neither.
/// </remarks>
internal static class ChangesBeforeFirstStart
{
    public static bool Covers(IOperation block, SessionSymbols symbols)
    {
        if (block.Parent is not IMethodBodyOperation)
        {
            return false;
        }

        // Covered when the last operation that may change a session ends before the first start begins.
        var firstStart = int.MaxValue;
        var lastChangeEnd = -1;
        var bodies = ResponseBodies.None(symbols);
        foreach (var operation in block.Descendants())
        {
            switch (operation)
            {
                case ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation:
                case IBranchOperation { BranchKind: BranchKind.GoTo }:
                    return false;
                case IInvocationOperation invocation when ResponseStarts.Describe(invocation, symbols, bodies) is not null:
                    firstStart = Math.Min(firstStart, invocation.Syntax.SpanStart);
                    break;
            }

            if (MayChange(operation, symbols))
            {
                lastChangeEnd = Math.Max(lastChangeEnd, operation.Syntax.Span.End);
            }
        }

        return lastChangeEnd <= firstStart;
    }

    private static bool MayChange(IOperation operation, SessionSymbols symbols)
    {
        if (SessionEffects.AssignedTarget(operation) is { } target)
        {
            return !IsLocal(target);
        }

        switch (operation)
        {
            case IDeconstructionAssignmentOperation:
                return true;
            case IObjectCreationOperation creation:
                return HandsOverSession(creation.Arguments, symbols);
            case IInvocationOperation invocation:
                if (MutatingMembers.IsMutating(invocation.TargetMethod) || SessionEffects.Classify(invocation, symbols).Kind != SessionEffectKind.None)
                {
                    return true;
                }

                return HandsOverSession(invocation.Arguments, symbols) || (invocation.Instance is { } instance && symbols.IsSessionLike(instance.Type));
            default:
                return false;
        }
    }

    private static bool HandsOverSession(ImmutableArray<IArgumentOperation> arguments, SessionSymbols symbols)
    {
        foreach (var argument in arguments)
        {
            if (symbols.IsSessionLike(argument.Value.Type) || argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLocal(IOperation target) => SessionEffects.Unwrap(target) is ILocalReferenceOperation or IDiscardOperation;
}
