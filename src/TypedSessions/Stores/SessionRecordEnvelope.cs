using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace TypedSessions.Stores;

/// <summary>
/// A whole record as one blob: <c>{"e": expiry in Unix milliseconds, "v": the values in <see cref="SessionDataFormat"/>}</c>,
/// for stores whose medium has no expiry of its own that the app's <see cref="TimeProvider"/> can trust (a distributed
/// cache entry, the cookie-store payload): the expiry travels with the data.
/// </summary>
internal static class SessionRecordEnvelope
{
    private const string ExpiresProperty = "e";
    private const string ValuesProperty = "v";

    // The values sit one level below the envelope, and SessionDataFormat itself allows a depth of 1024.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 1025 };

    public static byte[] Encode(IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber(ExpiresProperty, expiresAt.ToUnixTimeMilliseconds());
            writer.WritePropertyName(ValuesProperty);
            writer.WriteRawValue(SessionDataFormat.Encode(values), skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <exception cref="SessionDataCorruptedException">The bytes are not an envelope <see cref="Encode"/> wrote.</exception>
    public static SessionRecord Decode(byte[] data)
    {
        // The JSON reader does not check the bytes inside strings; reading them out would throw a non-JSON exception.
        if (!Utf8.IsValid(data))
        {
            throw new SessionDataCorruptedException("The session envelope is not valid UTF-8.");
        }

        try
        {
            using var document = JsonDocument.Parse(data, DocumentOptions);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty(ExpiresProperty, out var expires)
                || expires.ValueKind != JsonValueKind.Number
                || !expires.TryGetInt64(out var expiresAtMilliseconds)
                || !root.TryGetProperty(ValuesProperty, out var values))
            {
                throw new SessionDataCorruptedException("The data is not a TypedSessions session envelope.");
            }

            return new SessionRecord(
                SessionDataFormat.Decode(values.GetRawText()).AsReadOnly(),
                DateTimeOffset.FromUnixTimeMilliseconds(expiresAtMilliseconds));
        }
        catch (JsonException exception)
        {
            throw new SessionDataCorruptedException("The session envelope is not valid JSON.", exception);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new SessionDataCorruptedException("The session envelope's expiry is out of range.", exception);
        }
    }
}
