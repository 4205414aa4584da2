namespace TypedSessions.Generators.Models;

/// <summary>How one property reads and writes its session key.</summary>
/// <param name="Key">The stored key, unescaped.</param>
/// <param name="CodecField">The name of the static field that holds the codec, e.g. <c>__CountCodec</c>.</param>
/// <param name="Codec">The expression that composes the codec from <c>SessionCodecs</c>.</param>
/// <param name="WhenMissing">
/// The lambda that makes the value of a missing key for a non-nullable reference type, or <see langword="null"/>
/// to read <see langword="default"/>.
/// </param>
internal sealed record PropertyStorage(string Key, string CodecField, string Codec, string? WhenMissing);
