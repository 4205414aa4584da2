using System.Text.Json;

namespace TypedSessions.Serialization.Codecs;

/// <summary>A nullable reference type: JSON <c>null</c> or the inner codec's value.</summary>
internal sealed class NullableReferenceCodec<T>(SessionValueCodec<T> inner) : SessionValueCodec<T?>
    where T : class
{
    public override bool IsMutable => inner.IsMutable;

    public override T? Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Null ? null : inner.Read(ref reader, options);

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            inner.Write(writer, value, options);
        }
    }
}
