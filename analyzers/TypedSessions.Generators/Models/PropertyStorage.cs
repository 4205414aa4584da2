using TypedSessions.Generators.Helpers;

namespace TypedSessions.Generators.Models;

/// <summary>How one property reads and writes its session key.</summary>
/// <param name="Key">The stored key, unescaped.</param>
/// <param name="CodecField">The name of the static field that holds the codec, e.g. <c>__CountCodec</c>.</param>
/// <param name="Codec">The expression that composes the codec from <c>SessionCodecs</c>.</param>
/// <param name="WhenMissing">
/// The lambda that makes the value of a missing key for a non-nullable reference type, or <see langword="null"/>
/// to read <see langword="default"/>.
/// </param>
/// <param name="FormerKeys">The keys of <c>[FormerSessionKey]</c>, unescaped, in declaration order; usually none.</param>
/// <param name="FormerKeysField">The name of the static field that holds <paramref name="FormerKeys"/>, e.g. <c>__LinesFormerKeys</c>.</param>
internal sealed record PropertyStorage(
    string Key,
    string CodecField,
    string Codec,
    string? WhenMissing,
    EquatableArray<string> FormerKeys,
    string FormerKeysField);
