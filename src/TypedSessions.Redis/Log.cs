using Microsoft.Extensions.Logging;

namespace TypedSessions.Redis;

/// <summary>The Redis store's log messages, with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(201, LogLevel.Debug, "Connected to Redis ({EndPoints}) for sessions.", EventName = "RedisConnected")]
    public static partial void Connected(ILogger logger, string endPoints);

    [LoggerMessage(202, LogLevel.Debug,
        "Cleared {Count} expired session records that Redis had not evicted yet (their TTL and the application's clock disagree).",
        EventName = "ExpiredSessionsCleared")]
    public static partial void ExpiredSessionsCleared(ILogger logger, int count);

    [LoggerMessage(203, LogLevel.Debug,
        "Pruned {Count} sessions that Redis had evicted from their users' session indexes.",
        EventName = "EvictedUserSessionsPruned")]
    public static partial void EvictedUserSessionsPruned(ILogger logger, int count);
}
