using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// Calls that hand out the elements of a collection unchanged, one or a sequence of them: changing such an element
/// (<c>cart.Lines.First(l =&gt; l.Sku == sku).Quantity++</c>) changes the collection's owner. Copies into a new
/// container (<c>ToList</c>, <c>ToArray</c>) are left out: a change of the copy itself is no change of the session, and
/// telling the copy from its shared elements is more than a syntactic rule can do without false alarms.
/// </summary>
internal static class ElementSelectors
{
    private static readonly HashSet<string> EnumerableNames = new(StringComparer.Ordinal)
    {
        "Where", "OrderBy", "OrderByDescending", "ThenBy", "ThenByDescending", "Skip", "SkipWhile", "SkipLast", "Take",
        "TakeWhile", "TakeLast", "Reverse", "Distinct", "DistinctBy", "OfType", "First", "FirstOrDefault", "Last",
        "LastOrDefault", "Single", "SingleOrDefault", "ElementAt", "ElementAtOrDefault", "MinBy", "MaxBy",
    };

    private static readonly HashSet<string> InstanceNames = new(StringComparer.Ordinal)
    {
        "GetEnumerator", "Find", "FindLast",
    };

    /// <summary>The collection whose elements <paramref name="invocation"/> hands out, or <see langword="null"/>.</summary>
    public static IOperation? Source(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (invocation.Instance is { } instance)
        {
            return InstanceNames.Contains(method.Name) ? instance : null;
        }

        return method.IsExtensionMethod
            && EnumerableNames.Contains(method.Name)
            && method.ContainingType is { Name: "Enumerable", ContainingNamespace: { Name: "Linq", ContainingNamespace.Name: "System" } }
            && SessionEffects.ThisArgument(invocation) is { } source
                ? source
                : null;
    }
}
