namespace TypedSessions.Stores;

/// <summary>
/// One save of an existing session. Stores apply <see cref="Changed"/> and <see cref="Removed"/> to what they hold
/// (per key, or by merging inside a transaction), so that concurrent requests changing different keys both
/// survive; a store that cannot merge atomically writes <see cref="Values"/> and documents that the last writer wins.
/// </summary>
public sealed class SessionRecordUpdate
{
    /// <summary>Every key of the session after this save, with its JSON.</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }

    /// <summary>The keys this save sets, with their new JSON.</summary>
    public required IReadOnlyDictionary<string, string> Changed { get; init; }

    /// <summary>The keys this save removes.</summary>
    public required IReadOnlyCollection<string> Removed { get; init; }

    /// <summary>The record's new expiry.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Applies this update to the values a store currently holds, for stores that merge in memory.</summary>
    public Dictionary<string, string> ApplyTo(IReadOnlyDictionary<string, string> current)
    {
        var merged = new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var key in Removed)
        {
            merged.Remove(key);
        }

        foreach (var (key, json) in Changed)
        {
            merged[key] = json;
        }

        return merged;
    }
}
