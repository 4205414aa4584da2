using System.Text.Json;

namespace TypedSessions.Serialization.Codecs;

/// <summary>An enum stored by name, so that reordering or renumbering members after a deploy keeps stored values.</summary>
internal sealed class EnumCodec<T> : SessionValueCodec<T>
    where T : struct, Enum
{
    public override T Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            _ => null,
        };
        if (text is not null && Enum.TryParse<T>(text, ignoreCase: false, out var value))
        {
            return value;
        }

        // Never the stored text itself: exception messages end up in logs.
        throw new JsonException(text is null
            ? $"The stored value is not a string or number, so not a value of {typeof(T).Name}."
            : $"The stored value ({text.Length} characters) is not a value of {typeof(T).Name}.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToString());
}
