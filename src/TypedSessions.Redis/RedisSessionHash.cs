using System.Globalization;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;
using TypedSessions.Stores;

namespace TypedSessions.Redis;

/// <summary>
/// The layout of one session's Redis hash. Session keys are fields named <c>k:&lt;key&gt;</c> holding the key's UTF-8
/// JSON; fields named <c>m:…</c> are the store's metadata, today only <c>m:exp</c>, the expiry in Unix milliseconds
/// (UTC). The two namespaces cannot collide whatever a session key is called. Fields outside <c>k:</c> are never
/// read as session keys, so metadata can be added later without old readers seeing it as data.
/// </summary>
internal static class RedisSessionHash
{
    public const string KeyFieldPrefix = "k:";
    public const string ExpiresField = "m:exp";

    // Same limit as SessionDataFormat: values may have been written with a raised MaxDepth.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 1024 };
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static RedisValue KeyField(string sessionKey) => KeyFieldPrefix + sessionKey;

    public static RedisValue Milliseconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    /// <summary>The expiry an <c>m:exp</c> field holds, or null when it is missing or not a number.</summary>
    public static long? ReadExpiry(RedisValue field)
        => !field.IsNull && long.TryParse((string?)field, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) ? milliseconds : null;

    /// <summary>The record in <paramref name="entries"/> (an HGETALL reply), or null when it is missing or expired at <paramref name="now"/>.</summary>
    /// <exception cref="SessionDataCorruptedException">The hash was not written by this store, or a value is not JSON.</exception>
    public static SessionRecord? Read(HashEntry[] entries, DateTimeOffset now)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        long? expiresAt = null;
        var values = new Dictionary<string, string>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var name = Decode(entry.Name, "field name");
            if (name.StartsWith(KeyFieldPrefix, StringComparison.Ordinal))
            {
                values[name[KeyFieldPrefix.Length..]] = DecodeJson(entry.Value, name);
            }
            else if (name == ExpiresField)
            {
                expiresAt = ReadExpiry(entry.Value)
                    ?? throw new SessionDataCorruptedException($"The session hash's '{ExpiresField}' field is not a number of milliseconds.");
            }
        }

        if (expiresAt is null)
        {
            throw new SessionDataCorruptedException($"The session hash has no '{ExpiresField}' field, so it was not written by this store.");
        }

        // Redis's TTL is only a backstop: the application's clock decides, so an expired record never loads even
        // when Redis has not evicted it yet.
        return expiresAt > now.ToUnixTimeMilliseconds()
            ? new SessionRecord(values, DateTimeOffset.FromUnixTimeMilliseconds(expiresAt.Value))
            : null;
    }

    private static string DecodeJson(RedisValue value, string field)
    {
        ReadOnlyMemory<byte> bytes = value;
        try
        {
            var reader = new Utf8JsonReader(bytes.Span, ReaderOptions);
            var tokens = 0;
            while (reader.Read())
            {
                tokens++;
            }

            if (tokens == 0)
            {
                throw new SessionDataCorruptedException($"The session field '{field}' is empty, not JSON.");
            }
        }
        catch (JsonException exception)
        {
            throw new SessionDataCorruptedException($"The session field '{field}' is not valid JSON.", exception);
        }

        return Decode(value, $"field '{field}'");
    }

    private static string Decode(RedisValue value, string what)
    {
        ReadOnlyMemory<byte> bytes = value;
        try
        {
            return StrictUtf8.GetString(bytes.Span);
        }
        catch (DecoderFallbackException exception)
        {
            throw new SessionDataCorruptedException($"A session hash {what} is not UTF-8.", exception);
        }
    }
}
