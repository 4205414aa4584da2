namespace TypedSessions.Stores.Tests.Infrastructure;

/// <summary>What every store must show for records of an older layout and of a newer format version.</summary>
internal static class RecordFormatAssert
{
    /// <summary>The record written in the layout from before versioning, <c>{"count":3,"name":"Ann"}</c>, loads as version 1 with no metadata.</summary>
    public static void LoadsAsVersionOneWithoutMetadata(SessionLoadResult loaded, DateTimeOffset expiresAt)
    {
        Assert.True(loaded.IsFound, loaded.Problem);
        var record = loaded.Record!;
        Assert.Equal(new Dictionary<string, string> { ["count"] = "3", ["name"] = "\"Ann\"" }, record.Values);
        Assert.Equal(expiresAt, record.ExpiresAt);
        Assert.Null(record.CreatedAt);
        Assert.Null(record.LastSavedAt);
        Assert.Null(record.UserId);
        Assert.Equal(1, record.FormatVersion);
    }

    /// <summary>A record of <paramref name="version"/> is reported unreadable, naming the version, and never misread.</summary>
    public static void IsUnreadableForItsVersion(SessionLoadResult loaded, int version)
    {
        Assert.True(loaded.IsUnreadable);
        Assert.Null(loaded.Record);
        Assert.Equal(SessionRecordFormat.UnreadableVersion(version), loaded.Problem);
    }

    /// <summary>The update-then-touch both apply to a record of the older layout, which is then in the current version.</summary>
    public static void WasUpdatedAndTouched(SessionRecord? record, DateTimeOffset expiresAt, DateTimeOffset savedAt)
    {
        Assert.NotNull(record);
        Assert.Equal("4", record.Values["count"]);
        Assert.Equal(expiresAt, record.ExpiresAt);
        Assert.Equal(savedAt, record.LastSavedAt);
        Assert.Equal(SessionRecordFormat.CurrentVersion, record.FormatVersion);
    }
}
