using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// Classifies one operation as a change, a save, a key cycle or a flush of a session, and names the session it acts on.
/// What counts as a change: the <c>Session</c> members that write (<c>Set</c>, <c>Remove</c>, <c>Pop</c>,
/// <c>SetDefault</c>, <c>Clear</c>, the expiry setters, <c>MarkModified</c>, the test cookie), ASP.NET's
/// <c>ISession</c> writes, a set of a typed view's property (<c>cart.Count++</c>), and an in-place change of a value read
/// from one (<c>cart.Lines.Add(line)</c>, <c>cart.Address.City = "Oslo"</c>), also through a local or <c>foreach</c>
/// variable that holds such a value, when the body's <see cref="ValueOrigins"/> are given.
/// </summary>
internal static class SessionEffects
{
    private static readonly HashSet<string> SessionWrites = new(StringComparer.Ordinal)
    {
        "Set", "SetValue", "Remove", "Pop", "SetDefault", "Clear", "SetExpiry", "ExpireAtBrowserClose", "ResetExpiry",
        "MarkModified", "SetTestCookie", "DeleteTestCookie",
    };

    private const int MaxOwnerSteps = 32;

    /// <param name="operation">The operation to classify.</param>
    /// <param name="symbols">The compilation's session types.</param>
    /// <param name="origins">Where the body's locals and flow captures get their values; without them, a change through
    /// an alias is not seen.</param>
    public static SessionEffect Classify(IOperation operation, SessionSymbols symbols, ValueOrigins? origins = null)
        => operation is IInvocationOperation invocation ? ClassifyInvocation(invocation, symbols, origins)
            : AssignedTarget(operation) is { } target ? ClassifyWrite(target, symbols, origins)
            : SessionEffect.None;

    /// <summary>
    /// What <paramref name="operation"/> assigns, by any assignment form (<c>=</c>, <c>+=</c> and the other compound
    /// forms, <c>??=</c>, <c>++</c>, <c>--</c>), or <see langword="null"/> when it assigns nothing.
    /// </summary>
    public static IOperation? AssignedTarget(IOperation operation) => operation switch
    {
        ISimpleAssignmentOperation assignment => assignment.Target,
        ICompoundAssignmentOperation assignment => assignment.Target,
        ICoalesceAssignmentOperation assignment => assignment.Target,
        IIncrementOrDecrementOperation increment => increment.Target,
        _ => null,
    };

    private static SessionEffect ClassifyInvocation(IInvocationOperation invocation, SessionSymbols symbols, ValueOrigins? origins)
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
            if (StateValueOwner(instance, symbols, origins) is { } owner)
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

    // Assigning a local rebinds it and changes nothing; a flow capture here is the compiler's copy of the target.
    private static SessionEffect ClassifyWrite(IOperation target, SessionSymbols symbols, ValueOrigins? origins)
        => Unwrap(target) is not ILocalReferenceOperation && StateValueOwner(target, symbols, origins) is { } owner
            ? new SessionEffect(SessionEffectKind.Change, owner)
            : SessionEffect.None;

    /// <summary>
    /// The typed view whose property <paramref name="operation"/> is, or is reached through: <c>cart</c> for
    /// <c>cart.Count</c>, <c>cart.Lines</c>, <c>cart.Lines[0].Quantity</c> or <c>cart.Address.City</c>; with
    /// <paramref name="origins"/>, also <c>lines</c> after <c>var lines = cart.Lines</c> and the variable of
    /// <c>foreach (var line in cart.Lines)</c>.
    /// </summary>
    public static IOperation? StateValueOwner(IOperation operation, SessionSymbols symbols, ValueOrigins? origins = null)
    {
        // The bound stops an alias cycle (a = b; b = a) that a single-definition rule cannot rule out across captures.
        // A struct local is a copy, unless the change went through an object it refers to (kv.Value.Quantity = 0).
        var steps = 0;
        var throughObject = false;
        for (var current = Unwrap(operation); current is not null && steps++ < MaxOwnerSteps;)
        {
            switch (current)
            {
                case IPropertyReferenceOperation { Instance: { } instance, Property: var property }:
                    if (symbols.IsSessionState(property.ContainingType))
                    {
                        return instance;
                    }

                    throughObject |= instance.Type is { IsReferenceType: true };
                    current = Unwrap(instance);
                    break;
                case IFieldReferenceOperation { Instance: { } instance }:
                    throughObject |= instance.Type is { IsReferenceType: true };
                    current = Unwrap(instance);
                    break;
                case IArrayElementReferenceOperation element:
                    throughObject = true;
                    current = Unwrap(element.ArrayReference);
                    break;
                case IInvocationOperation invocation when ElementSelectors.Source(invocation) is { } source:
                    // cart.Lines.First(...), cart.Lines.Where(...), a lowered foreach's GetEnumerator(): the elements
                    // they hand out are the session's own objects.
                    current = Unwrap(source);
                    break;
                case ILocalReferenceOperation { Local.Type.IsValueType: true } when !throughObject:
                    return null;
                case ILocalReferenceOperation or IFlowCaptureReferenceOperation when origins?.SingleValue(current) is { } value:
                    current = Unwrap(value);
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
