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
    /// (<see langword="null"/>: SQL NULL), the user id, the format version, and the origin of the request that created it.
    /// </summary>
    public static SessionLoadResult Read(
        string data, long expireDate, long? createdDate, long? savedDate, string? userId, long? formatVersion, string? userAgent, string? remoteAddress)
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
                UserAgent = userAgent,
                RemoteAddress = remoteAddress,
                FormatVersion = version,
            });
        }
        catch (SessionDataCorruptedException exception)
        {
            return SessionLoadResult.Unreadable(exception.Message, exception);
        }
    }

    /// <summary>
    /// One of <paramref name="userId"/>'s sessions in the columns the store's listing selects, times as raw microseconds,
    /// or <see langword="null"/> when a time cannot be read: the row is left out of the listing as a load would find it
    /// unreadable. The data is not read, so its format version does not matter.
    /// </summary>
    public static SessionInfo? ReadInfo(
        string userId, string recordId, long expireDate, long? createdDate, long? savedDate, long size, string? userAgent, string? remoteAddress)
    {
        DateTimeOffset? createdAt = createdDate is { } created ? Time(created) : null;
        DateTimeOffset? savedAt = savedDate is { } saved ? Time(saved) : null;
        if (Time(expireDate) is not { } expiresAt || createdAt is null != createdDate is null || savedAt is null != savedDate is null)
        {
            return null;
        }

        return new SessionInfo(recordId, userId, expiresAt)
        {
            CreatedAt = createdAt,
            LastSavedAt = savedAt,
            SizeInBytes = size,
            UserAgent = userAgent,
            RemoteAddress = remoteAddress,
        };
    }

    /// <summary>The instant a raw <c>timestamptz</c> names, or <see langword="null"/> when no <see cref="DateTimeOffset"/> can hold it.</summary>
    public static DateTimeOffset? Time(long microseconds)
        => microseconds >= MinMicroseconds && microseconds <= MaxMicroseconds
            ? new DateTimeOffset(EpochTicks + (microseconds * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero)
            : null;
}
