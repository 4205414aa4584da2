using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>Reads through the untyped <c>Session</c> API, and what becomes of the value read (TS0105).</summary>
internal static class UntypedReads
{
    /// <summary>
    /// For a read of a mutable value, how the API reads in a message; null for anything else. The runtime tracks every
    /// value these hand out that came from the session.
    /// </summary>
    public static string? Describe(IInvocationOperation invocation, SessionSymbols symbols)
    {
        var method = invocation.TargetMethod;
        if (!SessionSymbols.Is(method.ContainingType, symbols.Session) || method.TypeArguments.Length != 1 || !IsMutable(method.TypeArguments[0]))
        {
            return null;
        }

        return method.Name switch
        {
            "Get" when method.Parameters.Length == 1 => "Session.Get<T>(key)",
            "Get" => "Session.Get<T>(key, defaultValue)",
            "TryGet" => "Session.TryGet<T>()",
            "SetDefault" => "Session.SetDefault<T>()",
            _ => null,
        };
    }

    /// <summary>The local the read value is kept in (<c>var list = session.Get&lt;...&gt;(...)</c>, <c>out var list</c>), if any.</summary>
    public static ILocalSymbol? ValueHolder(IInvocationOperation read)
    {
        if (read.TargetMethod.Name == "TryGet")
        {
            var outValue = read.Arguments.FirstOrDefault(static argument => argument.Parameter?.Ordinal == 1)?.Value;
            return outValue switch
            {
                ILocalReferenceOperation local => local.Local,
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation local } => local.Local,
                _ => null,
            };
        }

        // Through conversions and '?? fallback': var items = session.Get<List<string>>("items") ?? [];
        IOperation child = read;
        var parent = read.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation || (parent is ICoalesceOperation coalesce && coalesce.Value == child))
        {
            child = parent;
            parent = parent.Parent;
        }

        return parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => local.Local,
            _ => null,
        };
    }

    /// <summary>
    /// Whether the read has a fallback for a missing key (a <c>??</c>, or <c>Get(key, defaultValue)</c>): a fresh value
    /// that the session does not track.
    /// </summary>
    public static bool HasFallback(IInvocationOperation read)
    {
        if (read.TargetMethod.Name == "Get" && read.TargetMethod.Parameters.Length == 2)
        {
            return true;
        }

        IOperation child = read;
        for (var parent = read.Parent; parent is IConversionOperation or IParenthesizedOperation or ICoalesceOperation; parent = parent.Parent)
        {
            if (parent is ICoalesceOperation coalesce && coalesce.Value == child)
            {
                return true;
            }

            child = parent;
        }

        return false;
    }

    /// <summary>The first operation in <paramref name="body"/> that changes the read value in place, or null.</summary>
    public static IOperation? FirstInPlaceChange(IOperation body, IInvocationOperation read, ILocalSymbol? holder)
    {
        IOperation? first = null;
        foreach (var operation in body.Descendants())
        {
            var changes = operation is IInvocationOperation { Instance: { } instance } invocation
                ? MutatingMembers.IsMutating(invocation.TargetMethod) && (IsValue(instance, read, holder) || IsInside(instance, read, holder))
                : SessionEffects.AssignedTarget(operation) is { } target && IsInside(target, read, holder);
            if (changes && (first is null || operation.Syntax.SpanStart < first.Syntax.SpanStart))
            {
                first = operation;
            }
        }

        return first;
    }

    /// <summary>Whether <paramref name="invocation"/> writes a session key: <c>Session.Set</c> or <c>SetValue</c>.</summary>
    public static bool IsWrite(IInvocationOperation invocation, SessionSymbols symbols)
        => invocation.TargetMethod.Name is "Set" or "SetValue" && SessionSymbols.Is(invocation.TargetMethod.ContainingType, symbols.Session);

    /// <summary>
    /// Whether one of the analyzed member's <paramref name="writes"/> writes the value back: sets the same constant key,
    /// or any key to the variable holding the value. Only writes in the <paramref name="function"/> that read it count,
    /// with the functions nested in it and the code around it; a write in another lambda of the same method (another
    /// endpoint of a route group) does not. A local function that the reading function calls counts too, when it sets
    /// the same key or the value passed to it (one call deep).
    /// </summary>
    public static bool IsWrittenBack(IInvocationOperation read, ILocalSymbol? holder, IOperation function, IReadOnlyList<IInvocationOperation> writes)
    {
        var key = Argument(read, 0)?.ConstantValue;
        if (writes.Any(write => EnclosingFunctions.AreNested(function, write) && WritesBack(write, key, holder)))
        {
            return true;
        }

        foreach (var call in function.Descendants())
        {
            if (call is IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction } invocation
                && LocalFunction(function, invocation.TargetMethod.OriginalDefinition) is { } declaration)
            {
                var parameter = ParameterOf(invocation, declaration.Symbol, holder);
                if (writes.Any(write => EnclosingFunctions.IsWithin(write, declaration) && WritesBack(write, key, parameter)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The key as written: its constant value, or the expression.</summary>
    public static string KeyText(IInvocationOperation read)
        => Argument(read, 0) is { } key
            ? key.ConstantValue is { HasValue: true, Value: string text } ? text : key.Syntax.ToString()
            : "?";

    private static bool IsMutable(ITypeSymbol type)
        => type.IsReferenceType && type.SpecialType != SpecialType.System_String && type.TypeKind is not (TypeKind.Delegate or TypeKind.TypeParameter);

    // The value itself: the read call, the local holding it, or list?.Add(...)'s receiver.
    private static bool IsValue(IOperation operation, IInvocationOperation read, ILocalSymbol? holder)
    {
        var current = SessionEffects.Unwrap(operation);
        if (current is IConditionalAccessInstanceOperation)
        {
            for (var parent = current.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access)
                {
                    current = SessionEffects.Unwrap(access.Operation);
                    break;
                }
            }
        }

        return current == read || (holder is not null && current is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, holder));
    }

    // A member, element or indexer reached from the value: list[0] = x, order.Total = 3, order.Lines[1].Count++.
    private static bool IsInside(IOperation target, IInvocationOperation read, ILocalSymbol? holder)
    {
        var current = SessionEffects.Unwrap(target);
        while (true)
        {
            IOperation? instance = current switch
            {
                IPropertyReferenceOperation property => property.Instance,
                IFieldReferenceOperation field => field.Instance,
                IArrayElementReferenceOperation element => element.ArrayReference,
                _ => null,
            };
            if (instance is null)
            {
                return false;
            }

            if (IsValue(instance, read, holder))
            {
                return true;
            }

            current = SessionEffects.Unwrap(instance);
        }
    }

    // Set(key, value) with the same constant key, or with the variable holding the value.
    private static bool WritesBack(IInvocationOperation write, Optional<object?>? key, ISymbol? value)
    {
        if (key is { HasValue: true } && Argument(write, 0)?.ConstantValue is { HasValue: true } written && Equals(written.Value, key.Value.Value))
        {
            return true;
        }

        return value is not null
            && Argument(write, 1) is { } argument
            && SessionEffects.Unwrap(argument) switch
            {
                ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, value),
                IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, value),
                _ => false,
            };
    }

    private static ILocalFunctionOperation? LocalFunction(IOperation function, IMethodSymbol symbol)
        => EnclosingFunctions.Root(function).Descendants()
            .OfType<ILocalFunctionOperation>()
            .FirstOrDefault(declaration => SymbolEqualityComparer.Default.Equals(declaration.Symbol, symbol));

    // The local function's parameter that a call passes the value to: Store(session, items).
    private static IParameterSymbol? ParameterOf(IInvocationOperation call, IMethodSymbol localFunction, ILocalSymbol? holder)
    {
        if (holder is null)
        {
            return null;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is { } parameter
                && SessionEffects.Unwrap(argument.Value) is ILocalReferenceOperation local
                && SymbolEqualityComparer.Default.Equals(local.Local, holder))
            {
                return localFunction.Parameters[parameter.Ordinal];
            }
        }

        return null;
    }

    private static IOperation? Argument(IInvocationOperation invocation, int ordinal)
        => invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Ordinal == ordinal)?.Value;
}
