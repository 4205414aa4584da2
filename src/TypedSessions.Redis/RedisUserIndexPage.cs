namespace TypedSessions.Redis;

/// <summary>One page of a user's set, read: the live sessions it lists, and the ids this read pruned from it for good.</summary>
/// <param name="Live">The live records of the set's user.</param>
/// <param name="Pruned">The ids this read removed from the set (no other reader did), as they were when read again.</param>
internal sealed record RedisUserIndexPage(IReadOnlyList<SessionInfo> Live, IReadOnlyList<RedisIndexedRecord> Pruned);
