using System.Text.Json;

namespace TypedSessions.Serialization.Codecs;

/// <summary>Reads a value from the reader's current token.</summary>
internal delegate T ReadToken<T>(ref Utf8JsonReader reader);

/// <summary>An immutable scalar read and written by two static functions, without reflection.</summary>
internal sealed class PrimitiveCodec<T>(ReadToken<T> read, Action<Utf8JsonWriter, T> write) : SessionValueCodec<T>
{
    public override T Read(ref Utf8JsonReader reader, JsonSerializerOptions options) => read(ref reader);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => write(writer, value);
}
