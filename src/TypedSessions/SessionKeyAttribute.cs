namespace TypedSessions;

/// <summary>
/// Declares how one property of a <see cref="SessionStateAttribute"/> class is stored: its key, exactly and without
/// the class's prefix (for example to share a key with untyped code or an older deployment), and how concurrent
/// changes of its value merge.
/// </summary>
/// <example>
/// <code>
/// [SessionKey(Identity = nameof(CartLine.ProductId))]
/// public partial List&lt;CartLine&gt; Lines { get; set; }
///
/// [SessionKey("visits", OnConflict = SessionConflict.Sum)]
/// public partial int Visits { get; set; }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class SessionKeyAttribute : Attribute
{
    /// <summary>Keeps the property's default key (<c>{prefix}.{Property}</c>); for <see cref="Identity"/> or <see cref="OnConflict"/> alone.</summary>
    public SessionKeyAttribute()
    {
    }

    /// <summary>Stores the property under <paramref name="name"/>.</summary>
    /// <param name="name">The stored key; not empty.</param>
    public SessionKeyAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The stored key, or <see langword="null"/> for the property's default key.</summary>
    public string? Name { get; }

    /// <summary>
    /// The property that tells apart the elements of the value's collections when concurrent saves are merged
    /// (<see cref="SessionConcurrency.Merge"/>), for example <c>"ProductId"</c> for a cart's lines: two tabs that
    /// change different lines both keep their change, and a line's quantity changed in one tab stays on that line.
    /// Matched against the stored JSON property names, case-insensitively. Without it, elements that all have an
    /// <c>Id</c> property are told apart by it, and other elements by their whole value.
    /// </summary>
    public string? Identity { get; set; }

    /// <summary>
    /// What a merged save does with a value inside this key that a concurrent save changed too (a quantity both tabs
    /// changed, say). Default: <see cref="SessionConflict.LastWriterWins"/> for that value only.
    /// </summary>
    public SessionConflict OnConflict { get; set; } = SessionConflict.LastWriterWins;
}
