namespace TypedSessions.Stores;

/// <summary>
/// The version of the stored layout, written into every record (an envelope field, a Redis metadata field, an SQL
/// column), so that a later change of layout can be migrated rather than misread.
/// </summary>
public static class SessionRecordFormat
{
    /// <summary>The version this build writes, and the newest it reads. Records without a version are version 1.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// Whether this build can read a record of <paramref name="version"/>; a store returns
    /// <see cref="SessionLoadResult.Unreadable"/> for anything newer instead of guessing at its layout.
    /// </summary>
    public static bool CanRead(int version) => version is >= 1 and <= CurrentVersion;

    /// <summary>
    /// The version a store read from its layout (<see langword="null"/> where it holds none: version 1), or 0 when the
    /// stored value is no version at all, which <see cref="CanRead"/> rejects.
    /// </summary>
    public static int ReadVersion(long? stored) => stored is null ? 1 : (int)Math.Clamp(stored.Value, 0, int.MaxValue);

    /// <summary>The reason a store gives for a record of a version it cannot read.</summary>
    public static string DescribeUnreadableVersion(int version)
        => $"The record's format version {version} is not one this build reads (1 to {CurrentVersion}); it was written by a newer version.";
}
