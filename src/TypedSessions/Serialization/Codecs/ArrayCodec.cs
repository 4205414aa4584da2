using System.Text.Json;

namespace TypedSessions.Serialization.Codecs;

/// <summary>An array of any element the session can store; its elements can be changed in place.</summary>
internal sealed class ArrayCodec<T>(SessionValueCodec<T> element) : SessionValueCodec<T[]>
{
    public override bool IsMutable => true;

    public override T[] Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
        => [.. ListCodec<T>.ReadElements(ref reader, element, options)];

    public override void Write(Utf8JsonWriter writer, T[] value, JsonSerializerOptions options)
        => ListCodec<T>.WriteElements(writer, value, element, options);
}
