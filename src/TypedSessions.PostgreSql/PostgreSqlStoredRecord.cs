using TypedSessions.Stores;

namespace TypedSessions.PostgreSql;

/// <summary>
/// Turns a row's columns into a record. <c>timestamptz</c> holds more than a <see cref="DateTimeOffset"/> can
/// (<c>infinity</c>, <c>-infinity</c>, years before 1 and after 9999), so times are read as PostgreSQL's raw value,
/// microseconds since 2000-01-01 UTC, and one outside <see cref="DateTimeOffset"/>'s range makes the record unreadable
/// rather than a failed request.
/// </summary>
internal static class PostgreSqlStoredRecord
{
    /// <summary>The latest readable expiry as a SQL literal: later ones, and <c>infinity</c>, are purged as unreadable.</summary>
    public const string LatestReadableTime = "'9999-12-31 23:59:59.999999+00'";

    // PostgreSQL's epoch, and the raw values Npgsql gives for infinity and -infinity.
    private static readonly long EpochTicks = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;
    private static readonly long MinMicroseconds = (DateTimeOffset.MinValue.UtcTicks - EpochTicks) / TimeSpan.TicksPerMicrosecond;
    private static readonly long MaxMicroseconds = (DateTimeOffset.MaxValue.UtcTicks - EpochTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>
    /// The record in the columns the store's load selects: the data as text, each time as its raw microseconds
    /// (<see langword="null"/>: SQL NULL), the user id and the format version.
    /// </summary>
    public static SessionLoadResult Read(string data, long expireDate, long? createdDate, long? savedDate, string? userId, long? formatVersion)
    {
        // Rows from before versioning have no version: they are version 1, the same layout.
        var version = SessionRecordFormat.ReadVersion(formatVersion);
        if (!SessionRecordFormat.CanRead(version))
        {
            return SessionLoadResult.Unreadable(SessionRecordFormat.DescribeUnreadableVersion(version));
        }

        if (Time(expireDate) is not { } expiresAt)
        {
            return SessionLoadResult.Unreadable("The row's expire_date is infinite or outside the years 1 to 9999.");
        }

        DateTimeOffset? createdAt = createdDate is { } created ? Time(created) : null;
        DateTimeOffset? savedAt = savedDate is { } saved ? Time(saved) : null;
        if (createdAt is null != createdDate is null || savedAt is null != savedDate is null)
        {
            return SessionLoadResult.Unreadable("The row's created_date or saved_date is infinite or outside the years 1 to 9999.");
        }

        // jsonb is always valid JSON, but an object only if this store wrote it.
        try
        {
            return SessionLoadResult.Found(new SessionRecord(SessionDataFormat.Decode(data), expiresAt)
            {
                CreatedAt = createdAt,
                LastSavedAt = savedAt,
                UserId = userId,
                FormatVersion = version,
            });
        }
        catch (SessionDataCorruptedException exception)
        {
            return SessionLoadResult.Unreadable(exception.Message, exception);
        }
    }

    /// <summary>The instant a raw <c>timestamptz</c> names, or <see langword="null"/> when no <see cref="DateTimeOffset"/> can hold it.</summary>
    public static DateTimeOffset? Time(long microseconds)
        => microseconds >= MinMicroseconds && microseconds <= MaxMicroseconds
            ? new DateTimeOffset(EpochTicks + (microseconds * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero)
            : null;
}
