using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// Classifies one operation as a change, a save, a key cycle or a flush of a session, and names the session it acts on.
/// What counts as a change: the <c>Session</c> members that write (<c>Set</c>, <c>Remove</c>, <c>Pop</c>,
/// <c>SetDefault</c>, <c>Clear</c>, the expiry setters, <c>MarkModified</c>, the test cookie), ASP.NET's
/// <c>ISession</c> writes, a set of a typed view's property (<c>cart.Count++</c>), and an in-place change of a value read
/// from one (<c>cart.Lines.Add(line)</c>, <c>cart.Address.City = "Oslo"</c>).
/// </summary>
internal static class SessionEffects
{
    private static readonly HashSet<string> SessionWrites = new(StringComparer.Ordinal)
    {
        "Set", "SetValue", "Remove", "Pop", "SetDefault", "Clear", "SetExpiry", "ExpireAtBrowserClose", "ResetExpiry",
        "MarkModified", "SetTestCookie", "DeleteTestCookie",
    };

    public static SessionEffect Classify(IOperation operation, SessionSymbols symbols) => operation switch
    {
        IInvocationOperation invocation => ClassifyInvocation(invocation, symbols),
        ISimpleAssignmentOperation assignment => ClassifyWrite(assignment.Target, symbols),
        ICompoundAssignmentOperation assignment => ClassifyWrite(assignment.Target, symbols),
        ICoalesceAssignmentOperation assignment => ClassifyWrite(assignment.Target, symbols),
        IIncrementOrDecrementOperation increment => ClassifyWrite(increment.Target, symbols),
        _ => SessionEffect.None,
    };

    private static SessionEffect ClassifyInvocation(IInvocationOperation invocation, SessionSymbols symbols)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (invocation.Instance is { } instance)
        {
            if (SessionSymbols.Is(type, symbols.Session))
            {
                return method.Name switch
                {
                    "SaveAsync" => new SessionEffect(SessionEffectKind.Save, instance),
                    "CycleKeyAsync" => new SessionEffect(SessionEffectKind.CycleKey, instance),
                    "FlushAsync" => new SessionEffect(SessionEffectKind.Flush, instance),
                    _ when SessionWrites.Contains(method.Name) => new SessionEffect(SessionEffectKind.Change, instance),
                    _ => SessionEffect.None,
                };
            }

            if (SessionSymbols.Is(type, symbols.AspNetSession))
            {
                return method.Name switch
                {
                    "Set" or "Remove" or "Clear" => new SessionEffect(SessionEffectKind.Change, instance),
                    "CommitAsync" => new SessionEffect(SessionEffectKind.Save, instance),
                    _ => SessionEffect.None,
                };
            }

            if (!MutatingMembers.IsMutating(method))
            {
                return SessionEffect.None;
            }

            // cart.Lines.Add(line), or a method of the typed view itself named like one (cart.Clear()).
            if (StateValueOwner(instance, symbols) is { } owner)
            {
                return new SessionEffect(SessionEffectKind.Change, owner);
            }

            return symbols.IsSessionState(type) && symbols.IsSessionState(instance.Type)
                ? new SessionEffect(SessionEffectKind.Change, instance)
                : SessionEffect.None;
        }

        // SetString and SetInt32 of ASP.NET's SessionExtensions, called as extensions.
        if (method.IsExtensionMethod
            && SessionSymbols.Is(type, symbols.AspNetSessionExtensions)
            && method.Name.StartsWith("Set", StringComparison.Ordinal)
            && ThisArgument(invocation) is { } receiver)
        {
            return new SessionEffect(SessionEffectKind.Change, receiver);
        }

        return SessionEffect.None;
    }

    private static SessionEffect ClassifyWrite(IOperation target, SessionSymbols symbols)
        => StateValueOwner(target, symbols) is { } owner ? new SessionEffect(SessionEffectKind.Change, owner) : SessionEffect.None;

    /// <summary>
    /// The typed view whose property <paramref name="operation"/> is, or is reached through: <c>cart</c> for
    /// <c>cart.Count</c>, <c>cart.Lines</c>, <c>cart.Lines[0].Quantity</c> or <c>cart.Address.City</c>.
    /// </summary>
    public static IOperation? StateValueOwner(IOperation operation, SessionSymbols symbols)
    {
        for (var current = Unwrap(operation); current is not null;)
        {
            switch (current)
            {
                case IPropertyReferenceOperation { Instance: { } instance, Property: var property }:
                    if (symbols.IsSessionState(property.ContainingType))
                    {
                        return instance;
                    }

                    current = Unwrap(instance);
                    break;
                case IFieldReferenceOperation { Instance: { } instance }:
                    current = Unwrap(instance);
                    break;
                case IArrayElementReferenceOperation element:
                    current = Unwrap(element.ArrayReference);
                    break;
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>The <c>this</c> argument of an extension method call.</summary>
    public static IOperation? ThisArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { Ordinal: 0 })
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>Skips conversions and parentheses, which name the same object.</summary>
    public static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }
}
