using System.Text.Json;

namespace TypedSessions.Serialization.Codecs;

/// <summary><see cref="Nullable{T}"/> of a struct: JSON <c>null</c> or the inner codec's value.</summary>
internal sealed class NullableValueCodec<T>(SessionValueCodec<T> inner) : SessionValueCodec<T?>
    where T : struct
{
    public override bool IsMutable => inner.IsMutable;

    public override T? Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Null ? null : inner.Read(ref reader, options);

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is { } present)
        {
            inner.Write(writer, present, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
