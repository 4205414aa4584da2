using StackExchange.Redis;
using TypedSessions.Stores;

namespace TypedSessions.Redis;

/// <summary>What a user's set says of one of its record ids, once the record is read (<see cref="RedisUserIndexScripts.Describe"/>).</summary>
internal enum RedisIndexedRecordState
{
    /// <summary>A live record of the set's user: listed.</summary>
    Live,

    /// <summary>No record at the key: deleted, or evicted by Redis when it expired.</summary>
    Missing,

    /// <summary>A record whose expiry has passed by the application's clock, not yet evicted.</summary>
    Expired,

    /// <summary>A live record of another user, or of none: the set no longer owns it.</summary>
    OtherUser,

    /// <summary>Something this store never wrote, or damaged: it loads as unreadable, and is never listed.</summary>
    Unreadable,

    /// <summary>A record of a newer format, from a rolling deploy: not listed by this build, but kept in the set for the newer one.</summary>
    Newer,
}

/// <summary>One record id of a user's set, read: its state, and for a live record what a listing shows of it.</summary>
internal readonly record struct RedisIndexedRecord(string RecordId, RedisIndexedRecordState State, SessionInfo? Info)
{
    /// <summary>Whether the id has no business in the set any more: everything but a live record or one of a newer format.</summary>
    public bool IsStale => State is not (RedisIndexedRecordState.Live or RedisIndexedRecordState.Newer);

    /// <summary>Whether the id's session has ended by expiring, as far as the set can tell (a record gone without a trace looks the same).</summary>
    public bool HasExpired => State is RedisIndexedRecordState.Missing or RedisIndexedRecordState.Expired;

    /// <summary>
    /// Reads a <see cref="RedisUserIndexScripts.Describe"/> reply the way <see cref="RedisSessionHash.Read"/> reads a
    /// record, down to its metadata: a record that would not load is never listed.
    /// </summary>
    /// <param name="recordId">The id, as the set holds it.</param>
    /// <param name="reply">The script's reply.</param>
    /// <param name="storedUserId">The set's user id as a record stores it; compared byte for byte.</param>
    /// <param name="userId">The set's user id, for the listing.</param>
    /// <param name="now">The application's clock.</param>
    public static RedisIndexedRecord Read(string recordId, RedisResult reply, ReadOnlySpan<byte> storedUserId, string userId, DateTimeOffset now)
    {
        if (reply.Resp2Type != ResultType.Array)
        {
            return new(recordId, (long)reply == 0 ? RedisIndexedRecordState.Missing : RedisIndexedRecordState.Unreadable, null);
        }

        var fields = (RedisResult[])reply!;
        try
        {
            var info = ReadInfo(recordId, fields, storedUserId, userId, now, out var state);
            return new(recordId, state, info);
        }
        catch (SessionDataCorruptedException)
        {
            return new(recordId, RedisIndexedRecordState.Unreadable, null);
        }
    }

    // Throws SessionDataCorruptedException where a load would report the record unreadable; the info only when live.
    private static SessionInfo? ReadInfo(
        string recordId, RedisResult[] fields, ReadOnlySpan<byte> storedUserId, string userId, DateTimeOffset now, out RedisIndexedRecordState state)
    {
        var version = SessionRecordFormat.ReadVersion(fields[6].IsNull ? null : RedisSessionHash.ReadNumber((RedisValue)fields[6]) ?? 0);
        if (!SessionRecordFormat.CanRead(version))
        {
            state = version > SessionRecordFormat.CurrentVersion ? RedisIndexedRecordState.Newer : RedisIndexedRecordState.Unreadable;
            return null;
        }

        var expiresAt = Number(fields[0], RedisSessionHash.ExpiresField)
            ?? throw new SessionDataCorruptedException($"The session hash has no '{RedisSessionHash.ExpiresField}' field.");
        if (expiresAt <= now.ToUnixTimeMilliseconds())
        {
            state = RedisIndexedRecordState.Expired;
            return null;
        }

        if (fields[1].IsNull || !((byte[])fields[1]!).AsSpan().SequenceEqual(storedUserId))
        {
            state = RedisIndexedRecordState.OtherUser;
            return null;
        }

        var createdAt = Number(fields[2], RedisSessionHash.CreatedField);
        var savedAt = Number(fields[3], RedisSessionHash.SavedField);
        state = RedisIndexedRecordState.Live;
        return new SessionInfo(recordId, userId, RedisSessionHash.Instant(expiresAt, RedisSessionHash.ExpiresField))
        {
            CreatedAt = createdAt is { } created ? RedisSessionHash.Instant(created, RedisSessionHash.CreatedField) : null,
            LastSavedAt = savedAt is { } saved ? RedisSessionHash.Instant(saved, RedisSessionHash.SavedField) : null,
            SizeInBytes = (long)fields[7],
            UserAgent = Text(fields[4], RedisSessionHash.UserAgentField),
            RemoteAddress = Text(fields[5], RedisSessionHash.RemoteAddressField),
        };
    }

    private static long? Number(RedisResult field, string name)
        => field.IsNull
            ? null
            : RedisSessionHash.ReadNumber((RedisValue)field)
                ?? throw new SessionDataCorruptedException($"The session hash's '{name}' field is not a number of milliseconds.");

    private static string? Text(RedisResult field, string name) => field.IsNull ? null : RedisSessionHash.Decode((RedisValue)field, $"field '{name}'");
}
