using System.Text.Json;

namespace TypedSessions.Serialization.Codecs;

/// <summary>A <see cref="List{T}"/> of any element the session can store; it can be changed in place.</summary>
internal sealed class ListCodec<T>(SessionValueCodec<T> element) : SessionValueCodec<List<T>>
{
    public override bool IsMutable => true;

    public override List<T> Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
        => ReadElements(ref reader, element, options);

    public override void Write(Utf8JsonWriter writer, List<T> value, JsonSerializerOptions options)
        => WriteElements(writer, value, element, options);

    internal static List<T> ReadElements(ref Utf8JsonReader reader, SessionValueCodec<T> element, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected a JSON array, found {reader.TokenType}.");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(element.Read(ref reader, options));
        }

        return items;
    }

    internal static void WriteElements(Utf8JsonWriter writer, IReadOnlyList<T> items, SessionValueCodec<T> element, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        for (var i = 0; i < items.Count; i++)
        {
            element.Write(writer, items[i], options);
        }

        writer.WriteEndArray();
    }
}
