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

    /// <summary>The rules <c>[SessionKey(Identity, OnConflict)]</c> declares for one key: the same for all of its value.</summary>
    public static JsonMergeRules ForKey(string? identity, SessionConflict onConflict)
        => identity is null && onConflict == SessionConflict.LastWriterWins
            ? Default
            : new() { OnConflict = onConflict, IdentityAt = identity is null ? null : _ => identity };

    /// <summary>
    /// Whether merging a key under these rules always ends in ours when ours is <paramref name="oursJson"/>: a removal
    /// or a value that is neither an object nor an array, with the later writer winning every conflict. A save needs
    /// no expected value for such a key, so it costs what it would without merging.
    /// </summary>
    public bool OursAlwaysWins(string? oursJson)
        => OnConflict == SessionConflict.LastWriterWins && ConflictAt is null && !IsContainer(oursJson);

    private static bool IsContainer(string? json)
    {
        var text = json.AsSpan().TrimStart();
        return !text.IsEmpty && text[0] is '{' or '[';
    }

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

    /// <summary>
    /// The identity properties to try, in order, for the array at <paramref name="pathPattern"/>: the declared one,
    /// then the convention <c>Id</c>, so an array nested in the value keeps the convention when its elements lack the
    /// property declared for another array.
    /// </summary>
    public IReadOnlyList<string> IdentityPropertiesAt(string pathPattern)
        => IdentityAt?.Invoke(pathPattern) is { } declared && !string.Equals(declared, ConventionalIdentity, StringComparison.OrdinalIgnoreCase)
            ? [declared, ConventionalIdentity]
            : [ConventionalIdentity];

    private const string ConventionalIdentity = "Id";
}
