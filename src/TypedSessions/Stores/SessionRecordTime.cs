namespace TypedSessions.Stores;

/// <summary>
/// The instants a record may hold, for stores that keep times as Unix milliseconds: exactly those a
/// <see cref="DateTimeOffset"/> can represent. A stored time outside them, or one that is no number at all, is
/// corrupted data: <see cref="ISessionRecordStore.LoadAsync"/> reports the record
/// <see cref="SessionLoadResult.Unreadable"/>, and <see cref="ISessionRecordStore.ClearExpiredAsync"/> deletes a record
/// whose expiry it cannot read, as it deletes one that has expired.
/// </summary>
public static class SessionRecordTime
{
    /// <summary>The earliest readable instant, 0001-01-01T00:00:00Z, in Unix milliseconds.</summary>
    public const long MinUnixMilliseconds = -62_135_596_800_000;

    /// <summary>The latest readable instant, 9999-12-31T23:59:59.999Z, in Unix milliseconds.</summary>
    public const long MaxUnixMilliseconds = 253_402_300_799_999;

    /// <summary>The instant <paramref name="milliseconds"/> names, if it is one a record can hold.</summary>
    /// <param name="milliseconds">Milliseconds since 1970-01-01T00:00:00Z, as stored.</param>
    /// <param name="instant">The instant, in UTC; <see langword="default"/> when the number is out of range.</param>
    /// <returns>Whether the number is within <see cref="MinUnixMilliseconds"/> and <see cref="MaxUnixMilliseconds"/>.</returns>
    public static bool TryFromUnixMilliseconds(long milliseconds, out DateTimeOffset instant)
    {
        if (milliseconds is < MinUnixMilliseconds or > MaxUnixMilliseconds)
        {
            instant = default;
            return false;
        }

        instant = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }
}
