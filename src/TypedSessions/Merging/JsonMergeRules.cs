namespace TypedSessions.Merging;

/// <summary>
/// What the merge of one session key needs to know beyond the JSON: how array elements are told apart and what to
/// do with a conflict. Both are looked up by a path pattern in which every array element is <c>[*]</c>, for example
/// <c>$.Lines</c> for the cart's lines and <c>$.Lines[*].Quantity</c> for any line's quantity.
/// </summary>
internal sealed class JsonMergeRules
{
    /// <summary>Elements told apart by an <c>Id</c> property where they all have one; conflicts last writer wins.</summary>
    public static JsonMergeRules Default { get; } = new();

    /// <summary>The conflict policy wherever <see cref="ConflictAt"/> answers null. Default: last writer wins.</summary>
    public SessionConflict OnConflict { get; init; } = SessionConflict.LastWriterWins;

    /// <summary>The conflict policy at a path pattern such as <c>$.Lines[*].Quantity</c>; null for <see cref="OnConflict"/>.</summary>
    public Func<string, SessionConflict?>? ConflictAt { get; init; }

    /// <summary>
    /// The identity property of the elements of the array at a path pattern such as <c>$.Lines</c> (for example
    /// <c>"ProductId"</c>); null for the convention, a property named <c>Id</c>. The name matches case-insensitively,
    /// as the convention's does. An array some of whose elements lack the property (or are no objects) falls back to
    /// identity by JSON equality.
    /// </summary>
    public Func<string, string?>? IdentityAt { get; init; }

    /// <summary>The conflict policy at <paramref name="pathPattern"/>.</summary>
    public SessionConflict PolicyAt(string pathPattern) => ConflictAt?.Invoke(pathPattern) ?? OnConflict;

    /// <summary>The identity property to try for the array at <paramref name="pathPattern"/>.</summary>
    public string IdentityPropertyAt(string pathPattern) => IdentityAt?.Invoke(pathPattern) ?? "Id";
}
