using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TypedSessions.Serialization.Codecs;

/// <summary>
/// Any other type, through System.Text.Json and the type information of the configured options: AOT and trimming
/// safe when the options resolve types from a <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.
/// </summary>
internal sealed class JsonSerializerCodec<T> : SessionValueCodec<T>
{
    public override bool IsMutable { get; } = !typeof(T).IsValueType && typeof(T) != typeof(string);

    public override T Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
        => JsonSerializer.Deserialize(ref reader, TypeInfo(options))!;

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, value, TypeInfo(options));

    private static JsonTypeInfo<T> TypeInfo(JsonSerializerOptions options)
        => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
