using System.Text;
using System.Text.Json;

namespace TypedSessions.Serialization;

/// <summary>Runs a codec over JSON text.</summary>
internal static class SessionJson
{
    public static string Serialize<T>(T value, SessionValueCodec<T> codec, JsonSerializerOptions options)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            codec.Write(writer, value, options);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static T Deserialize<T>(string json, SessionValueCodec<T> codec, JsonSerializerOptions options)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!reader.Read())
        {
            throw new JsonException("The stored value is empty.");
        }

        return codec.Read(ref reader, options);
    }
}
