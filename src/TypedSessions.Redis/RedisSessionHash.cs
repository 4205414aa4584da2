using System.Globalization;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;
using TypedSessions.Stores;

namespace TypedSessions.Redis;

/// <summary>
/// The layout of one session's Redis hash. Session keys are fields named <c>k:&lt;key&gt;</c> holding the key's UTF-8
/// JSON; fields named <c>m:…</c> are the store's metadata: <c>m:exp</c> the expiry, <c>m:created</c> and <c>m:saved</c>
/// (Unix milliseconds, UTC), <c>m:uid</c> the user id, <c>m:ua</c> and <c>m:addr</c> the user agent and client
/// address of the request that created the record (written on create only), and <c>m:ver</c> the format version
/// (absent in hashes written before versioning: version 1). The two namespaces cannot collide whatever a session key is called. Fields outside
/// <c>k:</c> are never read as session keys, so metadata can be added later without old readers seeing it as data.
/// </summary>
internal static class RedisSessionHash
{
    public const string KeyFieldPrefix = "k:";
    public const string ExpiresField = "m:exp";
    public const string CreatedField = "m:created";
    public const string SavedField = "m:saved";
    public const string UserField = "m:uid";
    public const string UserAgentField = "m:ua";
    public const string RemoteAddressField = "m:addr";
    public const string VersionField = "m:ver";

    // Same limit as SessionDataFormat: values may have been written with a raised MaxDepth.
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 1024 };
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static RedisValue KeyField(string sessionKey) => KeyFieldPrefix + sessionKey;

    public static RedisValue Milliseconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    /// <summary>The number of milliseconds (or other whole number) a metadata field holds, or null when it is missing or not a number.</summary>
    public static long? ReadNumber(RedisValue field)
        => !field.IsNull && long.TryParse((string?)field, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) ? milliseconds : null;

    /// <summary>The record in <paramref name="entries"/> (an HGETALL reply), if it is live at <paramref name="now"/> and readable.</summary>
    public static SessionLoadResult Read(HashEntry[] entries, DateTimeOffset now)
    {
        try
        {
            return ReadOrThrow(entries, now) is { } record ? SessionLoadResult.Found(record) : SessionLoadResult.NotFound;
        }
        catch (SessionDataCorruptedException exception)
        {
            return SessionLoadResult.Unreadable(exception.Message, exception);
        }
    }

    private static SessionRecord? ReadOrThrow(HashEntry[] entries, DateTimeOffset now)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        long? expiresAt = null;
        long? createdAt = null;
        long? savedAt = null;
        string? userId = null;
        string? userAgent = null;
        string? remoteAddress = null;
        long? storedVersion = null;
        var values = new Dictionary<string, string>(entries.Length, StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var name = Decode(entry.Name, "field name");
            if (name.StartsWith(KeyFieldPrefix, StringComparison.Ordinal))
            {
                values[name[KeyFieldPrefix.Length..]] = DecodeJson(entry.Value, Bounded(name));
            }
            else if (name == ExpiresField)
            {
                expiresAt = ReadNumber(entry.Value)
                    ?? throw new SessionDataCorruptedException($"The session hash's '{ExpiresField}' field is not a number of milliseconds.");
            }
            else if (name == CreatedField)
            {
                createdAt = ReadNumber(entry.Value)
                    ?? throw new SessionDataCorruptedException($"The session hash's '{CreatedField}' field is not a number of milliseconds.");
            }
            else if (name == SavedField)
            {
                savedAt = ReadNumber(entry.Value)
                    ?? throw new SessionDataCorruptedException($"The session hash's '{SavedField}' field is not a number of milliseconds.");
            }
            else if (name == UserField)
            {
                userId = Decode(entry.Value, $"field '{UserField}'");
            }
            else if (name == UserAgentField)
            {
                userAgent = Decode(entry.Value, $"field '{UserAgentField}'");
            }
            else if (name == RemoteAddressField)
            {
                remoteAddress = Decode(entry.Value, $"field '{RemoteAddressField}'");
            }
            else if (name == VersionField)
            {
                storedVersion = ReadNumber(entry.Value) ?? 0;
            }
        }

        var version = SessionRecordFormat.ReadVersion(storedVersion);
        if (!SessionRecordFormat.CanRead(version))
        {
            throw new SessionDataCorruptedException(SessionRecordFormat.DescribeUnreadableVersion(version));
        }

        if (expiresAt is null)
        {
            throw new SessionDataCorruptedException($"The session hash has no '{ExpiresField}' field, so it was not written by this store.");
        }

        // Redis's TTL is only a backstop: the application's clock decides, so an expired record never loads even
        // when Redis has not evicted it yet.
        if (expiresAt <= now.ToUnixTimeMilliseconds())
        {
            return null;
        }

        return new SessionRecord(values, Instant(expiresAt.Value, ExpiresField))
        {
            CreatedAt = createdAt is { } created ? Instant(created, CreatedField) : null,
            LastSavedAt = savedAt is { } saved ? Instant(saved, SavedField) : null,
            UserId = userId,
            UserAgent = userAgent,
            RemoteAddress = remoteAddress,
            FormatVersion = version,
        };
    }

    // A field name is chosen by code, not users, but damaged data may make it anything: never a long log line.
    private static string Bounded(string name) => name.Length <= 64 ? name : string.Concat(name.AsSpan(0, 64), "…");

    public static DateTimeOffset Instant(long milliseconds, string field)
        => SessionRecordTime.TryFromUnixMilliseconds(milliseconds, out var instant)
            ? instant
            : throw new SessionDataCorruptedException($"The session hash's '{field}' field is a time out of range.");

    private static string DecodeJson(RedisValue value, string field)
    {
        ReadOnlyMemory<byte> bytes = value;
        try
        {
            // Reading to the end validates one whole JSON value; the reader throws on empty input and on a second value.
            var reader = new Utf8JsonReader(bytes.Span, ReaderOptions);
            while (reader.Read())
            {
            }
        }
        catch (JsonException exception)
        {
            throw new SessionDataCorruptedException($"The session field '{field}' is not valid JSON.", exception);
        }

        return Decode(value, $"field '{field}'");
    }

    public static string Decode(RedisValue value, string what)
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
