using System.Text.Json;
using TypedSessions.Serialization;

namespace TypedSessions.Engine;

/// <summary>A mutable value handed out by the session, with the serialized form it had when last compared.</summary>
internal abstract class TrackedValue(string baselineJson)
{
    public string BaselineJson { get; set; } = baselineJson;

    public abstract string Serialize(JsonSerializerOptions options);
}

/// <inheritdoc />
internal sealed class TrackedValue<T>(T value, SessionValueCodec<T> codec, string baselineJson) : TrackedValue(baselineJson)
{
    public T Value { get; } = value;

    public override string Serialize(JsonSerializerOptions options) => SessionJson.Serialize(Value, codec, options);
}
