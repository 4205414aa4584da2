using TypedSessions.Stores;

namespace TypedSessions;

/// <summary>What a session knows about its record: its key, the record as loaded or last written, and each key's stored JSON.</summary>
internal sealed record SessionKeyState(string? Key, SessionRecord? Stored, bool WasSaved, IReadOnlyDictionary<string, string?> Baselines);
