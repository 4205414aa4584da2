using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TypedSessions.Serialization.Codecs;

/// <summary>
/// Any other type, through System.Text.Json and the type information of the configured options: AOT and trimming
/// safe when the options resolve types from a <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.
/// </summary>
internal sealed class JsonSerializerCodec<T> : SessionValueCodec<T>
{
    public override bool IsMutable { get; } = !typeof(T).IsValueType && typeof(T) != typeof(string);

    // Through the type's converter rather than JsonSerializer.Deserialize(ref reader): that entry point first skips the
    // whole value to find its end and then parses it again, twice the work for every element of a list of records.
    public override T Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var converter = (JsonConverter<T>)TypeInfo(options).Converter;
        if (reader.TokenType == JsonTokenType.Null && !converter.HandleNull)
        {
            // As JsonSerializer reads it: null for a reference or nullable type, an error for any other value type.
            return default(T) is null ? default! : throw new JsonException($"The stored value is null, which is not a value of {typeof(T).Name}.");
        }

        return converter.Read(ref reader, typeof(T), options)!;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => JsonSerializer.Serialize(writer, value, TypeInfo(options));

    // On options that are still mutable, GetTypeInfo resolves the type without caching it, and the converter's Read
    // then looks the type up in the options' cache, finds nothing and throws NotSupportedException. The first write
    // through JsonSerializer makes the options read-only, so an instance whose first use of a type is a read (an
    // instance that has just started, reading what another instance wrote) read every such value as the default.
    // Making them read-only here, as a serializer call would, gives reads the same cached metadata.
    private static JsonTypeInfo<T> TypeInfo(JsonSerializerOptions options)
    {
        if (!options.IsReadOnly && options.TypeInfoResolver is not null)
        {
            options.MakeReadOnly();
        }

        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}
