namespace TypedSessions.Merging;

/// <summary>A value that two saves both changed, in one session key, and how the merge settled it.</summary>
/// <param name="Key">The session key.</param>
/// <param name="Conflict">Where in the key's value, and what was kept.</param>
internal sealed record SessionKeyConflict(string Key, JsonMergeConflict Conflict);
