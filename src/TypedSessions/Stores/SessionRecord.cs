namespace TypedSessions.Stores;

/// <summary>A stored session: the JSON of each key and the instant the record expires.</summary>
/// <param name="Values">Each session key with the UTF-8 JSON text of its value.</param>
/// <param name="ExpiresAt">When the record stops being loadable.</param>
public sealed record SessionRecord(IReadOnlyDictionary<string, string> Values, DateTimeOffset ExpiresAt);
