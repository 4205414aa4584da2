using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// The keys one save sets and removes, and what it expects of them, gathered key by key. Nothing is allocated until a
/// key needs writing, so a commit that finds nothing changed costs nothing here.
/// </summary>
internal struct SessionWrites(SessionConcurrency concurrency)
{
    public Dictionary<string, string>? Changed { get; private set; }

    public List<string>? Removed { get; private set; }

    public Dictionary<string, string?>? Expected { get; private set; }

    /// <summary>Writes <paramref name="json"/> to <paramref name="key"/> (<see langword="null"/>: removes it).</summary>
    public void Add(string key, SessionEntry entry, string? json)
    {
        if (json is null)
        {
            (Removed ??= []).Add(key);
        }
        else
        {
            (Changed ??= new(StringComparer.Ordinal))[key] = json;
        }

        // Both modes write only if what they loaded is still there; merge mode then merges instead of failing. A merge
        // whose outcome is always ours (a number, a string, a removal: the later writer wins) checks nothing, so such a
        // save costs what it costs without merging. A moved key expects what the store held: the new key absent, the
        // former one as loaded.
        if (concurrency == SessionConcurrency.Optimistic
            || (concurrency == SessionConcurrency.Merge && !entry.MergeRules.OursAlwaysWins(json)))
        {
            (Expected ??= new(StringComparer.Ordinal)).Add(key, entry.StoredJson);
        }
    }
}
