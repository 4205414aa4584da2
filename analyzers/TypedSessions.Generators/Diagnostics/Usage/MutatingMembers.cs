using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// The collection methods that change a collection in place. A call of one of them on a value read from the session
/// changes the session (the runtime notices at commit); the rest of a collection's API only reads.
/// </summary>
internal static class MutatingMembers
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere",
        "Clear", "Sort", "Reverse", "Push", "Pop", "Enqueue", "Dequeue", "TryAdd", "TryRemove", "TryPop", "TryDequeue",
        "UnionWith", "ExceptWith", "IntersectWith", "SymmetricExceptWith",
    };

    /// <summary>
    /// Whether calling <paramref name="method"/> changes its receiver. Immutable types follow the same names but return
    /// a new instance (<c>ImmutableList&lt;T&gt;.Add</c>, <c>string.Remove</c>); those are reads.
    /// </summary>
    public static bool IsMutating(IMethodSymbol method)
        => !method.IsStatic
            && Names.Contains(method.Name)
            && method.ContainingType.SpecialType != SpecialType.System_String
            && !SymbolEqualityComparer.Default.Equals(method.ReturnType.OriginalDefinition, method.ContainingType.OriginalDefinition);
}
