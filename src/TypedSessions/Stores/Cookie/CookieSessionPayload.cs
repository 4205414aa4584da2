using System.Text;
using System.Text.Json;

namespace TypedSessions.Stores.Cookie;

/// <summary>What the cookie store encrypts: the session's values and its expiry, so a replayed stale cookie is refused.</summary>
internal sealed record CookieSessionPayload(IReadOnlyDictionary<string, string> Values, DateTimeOffset ExpiresAt)
{
    public static byte[] Encode(IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("e", expiresAt.ToUnixTimeMilliseconds());
            writer.WritePropertyName("v");
            writer.WriteRawValue(SessionDataFormat.Encode(values), skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <exception cref="JsonException">The payload is not what <see cref="Encode"/> writes.</exception>
    public static CookieSessionPayload Decode(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("e", out var expires) || !expires.TryGetInt64(out var expiresAt)
            || !root.TryGetProperty("v", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The cookie session payload is malformed.");
        }

        try
        {
            return new CookieSessionPayload(SessionDataFormat.Decode(values.GetRawText()), DateTimeOffset.FromUnixTimeMilliseconds(expiresAt));
        }
        catch (SessionDataCorruptedException exception)
        {
            throw new JsonException(exception.Message, exception);
        }
    }
}
