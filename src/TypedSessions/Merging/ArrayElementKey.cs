using System.Text.Json;

namespace TypedSessions.Merging;

/// <summary>
/// What makes an array element the same element in base, ours and theirs: its identity value (the identity property,
/// or the whole element) and, for elements sharing that value within one array, their occurrence (0, 1, ...).
/// </summary>
internal readonly struct ArrayElementKey(JsonElement identity, int occurrence) : IEquatable<ArrayElementKey>
{
    /// <summary>The identity property's value, or the whole element when the array has no identity property.</summary>
    public JsonElement Identity { get; } = identity;

    /// <summary>How many earlier elements of the same array share <see cref="Identity"/>.</summary>
    public int Occurrence { get; } = occurrence;

    /// <inheritdoc/>
    public bool Equals(ArrayElementKey other) => Occurrence == other.Occurrence && JsonElement.DeepEquals(Identity, other.Identity);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ArrayElementKey other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(JsonElementEquality.Hash(Identity), Occurrence);
}
