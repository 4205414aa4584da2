using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedSessions.Generators.Diagnostics.Usage;

/// <summary>
/// The function an operation runs in: the innermost lambda or local function around it, or the analyzed member's body.
/// Every endpoint lambda of a route group is its own function, although the group maps them all in one method.
/// </summary>
internal static class EnclosingFunctions
{
    /// <summary>The innermost lambda or local function containing <paramref name="operation"/>, or the root of its tree.</summary>
    public static IOperation Of(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return parent;
            }

            current = parent;
        }

        return current;
    }

    /// <summary>The root of the operation tree <paramref name="operation"/> is in: the analyzed member's body.</summary>
    public static IOperation Root(IOperation operation)
    {
        var current = operation;
        while (current.Parent is { } parent)
        {
            current = parent;
        }

        return current;
    }

    /// <summary>Whether <paramref name="operation"/> is <paramref name="ancestor"/> or inside it.</summary>
    public static bool IsWithin(IOperation operation, IOperation ancestor)
    {
        for (IOperation? current = operation; current is not null; current = current.Parent)
        {
            if (current == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether code at <paramref name="other"/> belongs to the function that <paramref name="function"/> is, or to one
    /// nested in it or around it; false for a sibling (another endpoint lambda of the same route group method).
    /// </summary>
    public static bool AreNested(IOperation function, IOperation other)
        => IsWithin(other, function) || IsWithin(function, Of(other));
}
