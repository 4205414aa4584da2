using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace TypedSessions.Stores.DistributedCache;

/// <summary>
/// The bytes of one cache entry: <c>{"e": expiry in Unix milliseconds, "v": the values in <see cref="SessionDataFormat"/>}</c>.
/// The expiry travels with the data because the store, not the cache, decides when a record stops being loadable:
/// the cache's own clock and eviction are not the app's <see cref="TimeProvider"/>.
/// </summary>
internal static class DistributedCacheEnvelope
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

    /// <exception cref="SessionDataCorruptedException">The bytes are not an envelope this store wrote.</exception>
    public static SessionRecord Decode(byte[] data)
    {
        // The JSON reader does not check the bytes inside strings; reading them out would throw a non-JSON exception.
        if (!Utf8.IsValid(data))
        {
            throw new SessionDataCorruptedException("The cache entry is not valid UTF-8.");
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
                throw new SessionDataCorruptedException("The cache entry is not a TypedSessions session envelope.");
            }

            return new SessionRecord(
                SessionDataFormat.Decode(values.GetRawText()).AsReadOnly(),
                DateTimeOffset.FromUnixTimeMilliseconds(expiresAtMilliseconds));
        }
        catch (JsonException exception)
        {
            throw new SessionDataCorruptedException("The cache entry is not valid JSON.", exception);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new SessionDataCorruptedException("The cache entry's expiry is out of range.", exception);
        }
    }
}
