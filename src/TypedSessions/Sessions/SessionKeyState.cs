using TypedSessions.Stores;

namespace TypedSessions;

/// <summary>
/// What a session knows about its record: its key, the record as loaded or last written, whether the next record starts
/// a new sign-in, each key's stored JSON, and each key's merge rules (a key forgotten after it was written as removed must keep them if it is written again).
/// </summary>
internal sealed record SessionKeyState(
    string? Key,
    SessionRecord? Stored,
    bool WasSaved,
    bool StartsNewLifetime,
    IReadOnlyDictionary<string, string?> Baselines,
    IReadOnlyDictionary<string, Merging.JsonMergeRules> MergeRules);
