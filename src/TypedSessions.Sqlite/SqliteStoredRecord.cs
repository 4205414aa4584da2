using TypedSessions.Stores;

namespace TypedSessions.Sqlite;

/// <summary>
/// Turns a row's columns, as SQLite holds them, into a record. SQLite keeps any value in any column (an INTEGER
/// column takes text, a real or a blob), so every column is checked: a value of the wrong kind, or a time outside
/// <see cref="SessionRecordTime"/>'s range, makes the record unreadable rather than misread or a failed request.
/// </summary>
internal static class SqliteStoredRecord
{
    /// <summary>
    /// The record in the columns the store's load selects, each as <see cref="Microsoft.Data.Sqlite.SqliteDataReader.GetValue"/>
    /// gives it: <see cref="long"/>, <see cref="double"/>, <see cref="string"/>, <see cref="byte"/>[] or <see cref="DBNull"/>.
    /// </summary>
    public static SessionLoadResult Read(
        object data, object expireDate, object createdDate, object savedDate, object userId, object formatVersion, object userAgent, object remoteAddress)
    {
        // Rows from before versioning have no version: they are version 1, the same layout.
        var version = SessionRecordFormat.ReadVersion(formatVersion switch
        {
            DBNull => null,
            long stored => stored,
            _ => 0,
        });
        if (!SessionRecordFormat.CanRead(version))
        {
            return SessionLoadResult.Unreadable(SessionRecordFormat.DescribeUnreadableVersion(version));
        }

        if (Time(expireDate) is not { } expiresAt)
        {
            return SessionLoadResult.Unreadable("The row's expire_date is not a time in range (Unix milliseconds).");
        }

        if (!TryReadOptionalTime(createdDate, out var createdAt) || !TryReadOptionalTime(savedDate, out var savedAt))
        {
            return SessionLoadResult.Unreadable("The row's created_date or saved_date is not a time in range (Unix milliseconds).");
        }

        if (data is not string text || userId is not (string or DBNull))
        {
            return SessionLoadResult.Unreadable("The row's session_data or user_id is not text.");
        }

        if (userAgent is not (string or DBNull) || remoteAddress is not (string or DBNull))
        {
            return SessionLoadResult.Unreadable("The row's user_agent or remote_address is not text.");
        }

        try
        {
            return SessionLoadResult.Found(new SessionRecord(SessionDataFormat.Decode(text), expiresAt)
            {
                CreatedAt = createdAt,
                LastSavedAt = savedAt,
                UserId = userId as string,
                UserAgent = userAgent as string,
                RemoteAddress = remoteAddress as string,
                FormatVersion = version,
            });
        }
        catch (SessionDataCorruptedException exception)
        {
            return SessionLoadResult.Unreadable(exception.Message, exception);
        }
    }

    /// <summary>
    /// One of <paramref name="userId"/>'s sessions in the columns the store's listing selects, or <see langword="null"/>
    /// when the row cannot be read (a record id or text column of the wrong kind, a time out of range): it is left out of
    /// the listing as a load would find it unreadable. The data is not read, so its format version does not matter.
    /// </summary>
    public static SessionInfo? ReadInfo(
        string userId, object recordId, object expireDate, object createdDate, object savedDate, object size, object userAgent, object remoteAddress)
    {
        if (recordId is not string id
            || Time(expireDate) is not { } expiresAt
            || !TryReadOptionalTime(createdDate, out var createdAt)
            || !TryReadOptionalTime(savedDate, out var savedAt)
            || userAgent is not (string or DBNull)
            || remoteAddress is not (string or DBNull))
        {
            return null;
        }

        return new SessionInfo(id, userId, expiresAt)
        {
            CreatedAt = createdAt,
            LastSavedAt = savedAt,
            SizeInBytes = size is long bytes ? bytes : 0,
            UserAgent = userAgent as string,
            RemoteAddress = remoteAddress as string,
        };
    }

    /// <summary>
    /// The instant a time column holds, or <see langword="null"/> when it holds no readable time: whole milliseconds
    /// (an INTEGER; a REAL with a fraction is rounded down) within range. Text and blobs sort after every number in
    /// SQLite, which is how the store's purge finds them with the expiry index.
    /// </summary>
    public static DateTimeOffset? Time(object value)
    {
        var milliseconds = value switch
        {
            long whole => whole,
            double real when double.IsFinite(real) && real >= SessionRecordTime.MinUnixMilliseconds && real <= SessionRecordTime.MaxUnixMilliseconds
                => (long)Math.Floor(real),
            _ => (long?)null,
        };
        return milliseconds is { } stored && SessionRecordTime.TryFromUnixMilliseconds(stored, out var instant) ? instant : null;
    }

    private static bool TryReadOptionalTime(object value, out DateTimeOffset? instant)
    {
        instant = value is DBNull ? null : Time(value);
        return value is DBNull || instant is not null;
    }
}
