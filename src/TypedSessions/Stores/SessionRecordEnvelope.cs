using System.Text.Json;
using System.Text.Unicode;
using TypedSessions.Serialization;

namespace TypedSessions.Stores;

/// <summary>
/// A whole record as one blob: <c>{"f": format version, "e": expiry, "c": created, "s": last saved (Unix milliseconds),
/// "u": user id, "v": the values in <see cref="SessionDataFormat"/>}</c>, for stores whose medium has no expiry of its
/// own that the app's <see cref="TimeProvider"/> can trust (a distributed cache entry, the cookie-store payload): the
/// expiry travels with the data. Envelopes written before versioning have only <c>e</c> and <c>v</c>: version 1.
/// </summary>
internal static class SessionRecordEnvelope
{
    private const string FormatProperty = "f";
    private const string ExpiresProperty = "e";
    private const string CreatedProperty = "c";
    private const string SavedProperty = "s";
    private const string UserProperty = "u";
    private const string ValuesProperty = "v";

    // The values sit one level below the envelope, and SessionDataFormat itself allows a depth of 1024.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 1025 };

    public static byte[] Encode(SessionRecord record)
    {
        using var scratch = ScratchJsonWriter.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        writer.WriteNumber(FormatProperty, SessionRecordFormat.CurrentVersion);
        writer.WriteNumber(ExpiresProperty, record.ExpiresAt.ToUnixTimeMilliseconds());
        WriteInstant(writer, CreatedProperty, record.CreatedAt);
        WriteInstant(writer, SavedProperty, record.LastSavedAt);
        if (record.UserId is { } userId)
        {
            writer.WriteString(UserProperty, userId);
        }

        writer.WritePropertyName(ValuesProperty);
        SessionDataFormat.Write(writer, record.Values);
        writer.WriteEndObject();

        return scratch.WrittenSpan.ToArray();
    }

    /// <exception cref="SessionDataCorruptedException">
    /// The bytes are not an envelope <see cref="Encode"/> wrote, hold a time outside <see cref="SessionRecordTime"/>'s
    /// range, or are of a format version this build does not read.
    /// </exception>
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
                || !TryGetInt64(root, ExpiresProperty, out var expiresAt)
                || !root.TryGetProperty(ValuesProperty, out var values))
            {
                throw new SessionDataCorruptedException("The data is not a TypedSessions session envelope.");
            }

            var version = SessionRecordFormat.ReadVersion(
                root.TryGetProperty(FormatProperty, out _) ? (TryGetInt64(root, FormatProperty, out var stored) ? stored : 0) : null);
            if (!SessionRecordFormat.CanRead(version))
            {
                throw new SessionDataCorruptedException(SessionRecordFormat.DescribeUnreadableVersion(version));
            }

            if (!SessionRecordTime.TryFromUnixMilliseconds(expiresAt, out var expires))
            {
                throw new SessionDataCorruptedException($"The session envelope's expiry ('{ExpiresProperty}') is out of range.");
            }

            return new SessionRecord(SessionDataFormat.Decode(values).AsReadOnly(), expires)
            {
                CreatedAt = ReadInstant(root, CreatedProperty),
                LastSavedAt = ReadInstant(root, SavedProperty),
                UserId = root.TryGetProperty(UserProperty, out var user) && user.ValueKind == JsonValueKind.String ? user.GetString() : null,
                FormatVersion = version,
            };
        }
        catch (JsonException exception)
        {
            throw new SessionDataCorruptedException("The session envelope is not valid JSON.", exception);
        }
        catch (InvalidOperationException exception)
        {
            // A string whose escapes name no text (a lone surrogate, "\ud800") parses as JSON but cannot be read.
            throw new SessionDataCorruptedException("The session envelope holds a string that is not valid text.", exception);
        }
    }

    private static void WriteInstant(Utf8JsonWriter writer, string property, DateTimeOffset? instant)
    {
        if (instant is { } value)
        {
            writer.WriteNumber(property, value.ToUnixTimeMilliseconds());
        }
    }

    // Absent (or null) is unknown; anything else must be a time a record can hold.
    private static DateTimeOffset? ReadInstant(JsonElement root, string property)
    {
        if (!root.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var milliseconds)
            && SessionRecordTime.TryFromUnixMilliseconds(milliseconds, out var instant)
            ? instant
            : throw new SessionDataCorruptedException($"The session envelope's time '{property}' is not a number of milliseconds in range.");
    }

    private static bool TryGetInt64(JsonElement root, string property, out long value)
    {
        value = 0;
        return root.TryGetProperty(property, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value);
    }
}
