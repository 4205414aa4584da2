using System.Text.Json;
using TypedSessions.Serialization;

namespace TypedSessions.Engine;

/// <summary>A mutable value handed out by the session, with the serialized form it had when last compared.</summary>
/// <remarks>
/// A value read from the store starts with the stored text as its baseline rather than a serialization of its own: a
/// read costs no write, and the value is serialized once, at commit, into a reused buffer that becomes a string only if
/// it differs. Stored text can differ from what the codec writes for the same value (written by an older build, or
/// normalized by the store), so when the texts differ the stored text is read once more and written to the same
/// buffer, to tell such a difference of form from a change.
/// </remarks>
internal abstract class TrackedValue(string baselineJson, bool baselineIsCodecOutput)
{
    private string _baselineJson = baselineJson;
    private bool _baselineIsCodecOutput = baselineIsCodecOutput;

    /// <summary>The value's JSON if it changed since the last check, else <see langword="null"/>.</summary>
    public string? SerializeIfChanged(JsonSerializerOptions options)
    {
        if (SerializeUnlessEqual(_baselineJson, options) is not { } json)
        {
            return null;
        }

        var unchanged = !_baselineIsCodecOutput && ReadsAs(_baselineJson, json, options);
        _baselineJson = json;
        _baselineIsCodecOutput = true;
        return unchanged ? null : json;
    }

    protected abstract string? SerializeUnlessEqual(string json, JsonSerializerOptions options);

    // Whether the value stored as the first text is written by the codec as the second; false when it no longer reads.
    protected abstract bool ReadsAs(string storedJson, string json, JsonSerializerOptions options);
}

/// <inheritdoc />
internal sealed class TrackedValue<T>(T value, SessionValueCodec<T> codec, string baselineJson, bool baselineIsCodecOutput)
    : TrackedValue(baselineJson, baselineIsCodecOutput)
{
    public T Value { get; } = value;

    protected override string? SerializeUnlessEqual(string json, JsonSerializerOptions options)
        => SessionJson.SerializeUnlessEqual(Value, codec, options, json);

    protected override bool ReadsAs(string storedJson, string json, JsonSerializerOptions options)
    {
        try
        {
            return SessionJson.SerializeUnlessEqual(SessionJson.Deserialize(storedJson, codec, options), codec, options, json) is null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }
}
