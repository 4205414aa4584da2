using System.Collections.Generic;
using System.Linq;

namespace TypedSessions.Generators.Diagnostics.Schema;

/// <summary>
/// Whether a property of one type reads the JSON a deployed app stored for another (TS0202). Session values are JSON, so
/// a type reads what another stored when every value of the old type is JSON the new type's codec accepts:
/// <list type="bullet">
/// <item>the same type, whatever changed inside it: the schema records names, not members, and System.Text.Json reads a
/// record that gained an optional member and skips a removed one;</item>
/// <item><c>T</c> to <c>T?</c> (never back: a stored <c>null</c> has no non-null reading);</item>
/// <item>a wider number: <c>int</c> to <c>long</c>, <c>double</c> or <c>decimal</c>, <c>float</c> to <c>double</c>,
/// <c>byte</c> to <c>int</c> (never narrower, never a number to a string);</item>
/// <item><c>DateTime</c> to <c>DateTimeOffset</c> (the same ISO 8601 text);</item>
/// <item>any one-dimensional array or list-like collection to another (<c>List&lt;T&gt;</c>, <c>T[]</c>,
/// <c>IReadOnlyList&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c>...: all a JSON array) whose elements read the old elements;</item>
/// <item>any dictionary to another whose keys and values read the old ones;</item>
/// <item>the same generic type or tuple whose arguments read the old ones (<c>Box&lt;int&gt;</c> to <c>Box&lt;long&gt;</c>).</item>
/// </list>
/// Anything else is not: a list to a scalar, <c>int</c> to <c>string</c>, one class to another.
/// </summary>
internal static class StoredTypeCompatibility
{
    private static readonly string[] Sequences =
    [
        "System.Collections.Generic.List`1",
        "System.Collections.Generic.IList`1",
        "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.ICollection`1",
        "System.Collections.Generic.IReadOnlyCollection`1",
        "System.Collections.Generic.IEnumerable`1",
        "System.Collections.Generic.HashSet`1",
        "System.Collections.Generic.ISet`1",
        "System.Collections.Generic.IReadOnlySet`1",
        "System.Collections.Generic.SortedSet`1",
        "System.Collections.Generic.LinkedList`1",
        "System.Collections.Generic.Queue`1",
        "System.Collections.Generic.Stack`1",
        "System.Collections.ObjectModel.Collection`1",
        "System.Collections.ObjectModel.ReadOnlyCollection`1",
        "System.Collections.Immutable.ImmutableArray`1",
        "System.Collections.Immutable.ImmutableList`1",
        "System.Collections.Immutable.ImmutableHashSet`1",
        "System.Collections.Immutable.IImmutableList`1",
    ];

    private static readonly string[] Dictionaries =
    [
        "System.Collections.Generic.Dictionary`2",
        "System.Collections.Generic.IDictionary`2",
        "System.Collections.Generic.IReadOnlyDictionary`2",
        "System.Collections.Generic.SortedDictionary`2",
        "System.Collections.Immutable.ImmutableDictionary`2",
        "System.Collections.Immutable.IImmutableDictionary`2",
        "System.Collections.Concurrent.ConcurrentDictionary`2",
    ];

    /// <summary>What each number type reads besides itself: every value of the key type fits each of these.</summary>
    private static readonly Dictionary<string, string[]> WiderNumbers = new()
    {
        ["sbyte"] = ["short", "int", "long", "float", "double", "decimal"],
        ["byte"] = ["short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal"],
        ["short"] = ["int", "long", "float", "double", "decimal"],
        ["ushort"] = ["int", "uint", "long", "ulong", "float", "double", "decimal"],
        ["int"] = ["long", "double", "decimal"],
        ["uint"] = ["long", "ulong", "double", "decimal"],
        ["long"] = ["decimal"],
        ["ulong"] = ["decimal"],
        ["float"] = ["double"],
    };

    /// <summary>Whether a value stored as <paramref name="stored"/> reads as <paramref name="current"/>.</summary>
    public static bool CanRead(SchemaType stored, SchemaType current)
    {
        if (stored.Equals(current))
        {
            return true;
        }

        if (current.Kind == SchemaTypeKind.Nullable)
        {
            return CanRead(stored.Kind == SchemaTypeKind.Nullable ? stored.Element : stored, current.Element);
        }

        if (stored.Kind == SchemaTypeKind.Nullable || stored.Kind == SchemaTypeKind.Unreadable || current.Kind == SchemaTypeKind.Unreadable)
        {
            return false;
        }

        if (IsSequence(stored) && IsSequence(current))
        {
            return CanRead(stored.Arguments[0], current.Arguments[0]);
        }

        if (IsDictionary(stored) && IsDictionary(current))
        {
            return CanRead(stored.Arguments[0], current.Arguments[0]) && CanRead(stored.Arguments[1], current.Arguments[1]);
        }

        if (stored.Kind == SchemaTypeKind.Named && stored.Arguments.Length == 0)
        {
            return (WiderNumbers.TryGetValue(stored.Name, out var wider) && wider.Contains(current.Name) && current.Arguments.Length == 0)
                || (stored.Name == "System.DateTime" && current.Name == "System.DateTimeOffset");
        }

        // The same generic type, or a tuple, whose arguments each read the old ones.
        return stored.Kind == current.Kind
            && stored.Kind is SchemaTypeKind.Named or SchemaTypeKind.Tuple
            && stored.Name == current.Name
            && stored.Arguments.Length == current.Arguments.Length
            && stored.Arguments.Zip(current.Arguments, CanRead).All(static reads => reads);
    }

    private static bool IsSequence(SchemaType type)
        => type.Kind == SchemaTypeKind.Array ? type.Rank == 1 : type.Kind == SchemaTypeKind.Named && Sequences.Contains(type.Name);

    private static bool IsDictionary(SchemaType type) => type.Kind == SchemaTypeKind.Named && Dictionaries.Contains(type.Name);
}
