using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>The log entries an outage leaves, counted from a point on (one outage's window).</summary>
internal sealed class OutageLog(FakeLogCollector logs)
{
    public const string StoreCategory = "TypedSessions.Store";
    public const int StoreUnavailableId = 10;
    public const int StoreRecoveredId = 11;
    public const int SaveOutcomeUnknownId = 13;

    private int _from;

    /// <summary>Counts from now on.</summary>
    public void StartWindow() => _from = logs.Count;

    /// <summary>"StoreUnavailable" (Error, TypedSessions.Store) entries in the window.</summary>
    public int StoreUnavailable => Count(StoreUnavailableId, "StoreUnavailable", LogLevel.Error, StoreCategory);

    /// <summary>"StoreRecovered" (Information, TypedSessions.Store) entries in the window.</summary>
    public int StoreRecovered => Count(StoreRecoveredId, "StoreRecovered", LogLevel.Information, StoreCategory);

    /// <summary>"SaveOutcomeUnknown" entries in the window: saves that timed out or failed under way.</summary>
    public int SaveOutcomeUnknown => Count(SaveOutcomeUnknownId, "SaveOutcomeUnknown", LogLevel.Warning, category: null);

    /// <summary>The window's entries from TypedSessions at Information and above, for failure messages.</summary>
    public string Describe() => string.Join('\n', Window()
        .Where(entry => entry.Level >= LogLevel.Information && entry.Category?.StartsWith("TypedSessions", StringComparison.Ordinal) == true)
        .Select(entry => $"{entry.Timestamp:HH:mm:ss.fff} {entry.Level} {entry.Category} {entry.Id.Name}: {entry.Message} {entry.Exception?.GetType().Name} {entry.Exception?.Message}"));

    private int Count(int id, string name, LogLevel level, string? category) => Window().Count(entry =>
    {
        if (entry.Id.Id != id || (category is not null && entry.Category != category))
        {
            return false;
        }

        Assert.Equal(name, entry.Id.Name);
        Assert.Equal(level, entry.Level);
        return true;
    });

    private IEnumerable<FakeLogRecord> Window() => logs.GetSnapshot().Skip(_from);
}
