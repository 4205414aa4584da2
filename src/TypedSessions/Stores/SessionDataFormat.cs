using System.Text;
using System.Text.Json;
using TypedSessions.Serialization;

namespace TypedSessions.Stores;

/// <summary>
/// The blob form of a session for stores that keep one value per record: a JSON object whose members are the
/// session keys and whose values are each key's JSON, as Django's <c>session_data</c>.
/// </summary>
public static class SessionDataFormat
{
    // Values nest one level below the blob's object, and may have been written with a raised MaxDepth.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 1024 };

    /// <summary>Encodes the values as one UTF-8 JSON object.</summary>
    public static string Encode(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var scratch = ScratchJsonWriter.Rent();
        Write(scratch.Writer, values);
        return Encoding.UTF8.GetString(scratch.WrittenSpan);
    }

    /// <summary>Writes the values as one JSON object, in place in a larger document such as a record envelope.</summary>
    internal static void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> values)
    {
        writer.WriteStartObject();
        foreach (var (key, json) in values)
        {
            writer.WritePropertyName(key);
            writer.WriteRawValue(json, skipInputValidation: true);
        }

        writer.WriteEndObject();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote.</summary>
    /// <exception cref="SessionDataCorruptedException">The text is not a JSON object whose member names are text.</exception>
    public static Dictionary<string, string> Decode(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        try
        {
            using var document = JsonDocument.Parse(data, DocumentOptions);
            return Decode(document.RootElement);
        }
        catch (JsonException exception)
        {
            throw new SessionDataCorruptedException("Session data is not valid JSON.", exception);
        }
        catch (InvalidOperationException exception)
        {
            // A member name whose escapes name no text (a lone surrogate, "\ud800") parses as JSON but cannot be read.
            throw new SessionDataCorruptedException("Session data has a key that is not valid text.", exception);
        }
        catch (ArgumentException exception)
        {
            // Text with a lone surrogate cannot be turned into the UTF-8 the parser reads.
            throw new SessionDataCorruptedException("Session data is not valid text.", exception);
        }
    }

    /// <summary>Decodes the values from an element already parsed, such as the values member of a record envelope.</summary>
    /// <exception cref="SessionDataCorruptedException">The element is not an object.</exception>
    /// <exception cref="InvalidOperationException">A member name is not valid text.</exception>
    internal static Dictionary<string, string> Decode(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new SessionDataCorruptedException($"Session data is a JSON {data.ValueKind}, not an object.");
        }

        var values = new Dictionary<string, string>(data.GetPropertyCount(), StringComparer.Ordinal);
        foreach (var member in data.EnumerateObject())
        {
            values[member.Name] = member.Value.GetRawText();
        }

        return values;
    }
}
