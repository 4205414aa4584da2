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
        Assert.Equal(SessionRecordFormat.DescribeUnreadableVersion(version), loaded.Problem);
    }

    /// <summary>
    /// A record of a newer format version is never written by this build (a rolling deploy): an update and a touch find
    /// nothing they may write, and the record keeps its version.
    /// </summary>
    public static async Task IsNeverWrittenAsync(ISessionRecordStore store, string recordId, DateTimeOffset expiresAt, int version)
    {
        var update = new SessionChanges
        {
            Values = new Dictionary<string, string> { ["a"] = "2" },
            Changed = new Dictionary<string, string> { ["a"] = "2" },
            Removed = [],
            ExpiresAt = expiresAt,
        };

        Assert.Equal(SessionWriteResult.NotFound, await store.UpdateAsync(recordId, update));
        Assert.Equal(SessionWriteResult.NotFound, await store.TouchAsync(recordId, expiresAt.AddDays(1)));
        IsUnreadableForItsVersion(await store.LoadAsync(recordId), version);
    }

    /// <summary>
    /// An update and then a touch both apply to a record of the older layout holding <c>{"count":3}</c>, which is then
    /// in the current version with a last-saved time.
    /// </summary>
    public static async Task CanBeUpdatedAndTouchedAsync(ISessionRecordStore store, string recordId, DateTimeOffset expiresAt, DateTimeOffset savedAt)
    {
        var update = new SessionChanges
        {
            Values = new Dictionary<string, string> { ["count"] = "4" },
            Changed = new Dictionary<string, string> { ["count"] = "4" },
            Removed = [],
            ExpiresAt = expiresAt,
            SavedAt = savedAt,
        };

        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync(recordId, update));
        Assert.Equal(SessionWriteResult.Written, await store.TouchAsync(recordId, expiresAt.AddDays(1)));

        var record = await store.LoadRecordAsync(recordId);
        Assert.NotNull(record);
        Assert.Equal("4", record.Values["count"]);
        Assert.Equal(expiresAt.AddDays(1), record.ExpiresAt);
        Assert.Equal(savedAt, record.LastSavedAt);
        Assert.Equal(SessionRecordFormat.CurrentVersion, record.FormatVersion);
    }
}
