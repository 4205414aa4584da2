namespace TypedSessions.Generators.Diagnostics.Schema;

/// <summary>What a <see cref="SchemaType"/> is.</summary>
internal enum SchemaTypeKind
{
    /// <summary>A named type, possibly generic: <c>int</c>, <c>Shop.CartLine</c>, <c>System.Collections.Generic.List&lt;T&gt;</c>.</summary>
    Named,

    /// <summary><c>T?</c>, of a value or a reference type.</summary>
    Nullable,

    /// <summary><c>T[]</c>, <c>T[,]</c>.</summary>
    Array,

    /// <summary><c>(int, string)</c>.</summary>
    Tuple,

    /// <summary>Text that is not a type name.</summary>
    Unreadable,
}
