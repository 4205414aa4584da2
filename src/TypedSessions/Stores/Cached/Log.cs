using Microsoft.Extensions.Logging;

namespace TypedSessions.Stores.Cached;

/// <summary>The cached store's log messages, with stable event ids (130–139).</summary>
internal static partial class Log
{
    [LoggerMessage(131, LogLevel.Warning, "Error reading from cache; the session is read from the durable store instead.", EventName = "CacheReadFailed")]
    public static partial void CacheReadFailed(ILogger logger, Exception exception);

    [LoggerMessage(132, LogLevel.Error, "Error saving to cache; the session is in the durable store and the next read falls back to it.", EventName = "CacheWriteFailed")]
    public static partial void CacheWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(133, LogLevel.Error,
        "Error saving to cache: the session was saved to the durable store but its cached copy could not be evicted, so reads may return the old copy until the cache entry expires.",
        EventName = "CacheEvictionAfterSaveFailed")]
    public static partial void CacheEvictionAfterSaveFailed(ILogger logger, Exception exception);

    [LoggerMessage(134, LogLevel.Error,
        "Error deleting from cache: the session was deleted from the durable store but its cached copy could not be evicted, so it may still load until the cache entry expires.",
        EventName = "CacheEvictionAfterDeleteFailed")]
    public static partial void CacheEvictionAfterDeleteFailed(ILogger logger, Exception exception);

    [LoggerMessage(135, LogLevel.Warning, "Error clearing expired sessions from cache; the durable store was cleared.", EventName = "CacheClearExpiredFailed")]
    public static partial void CacheClearExpiredFailed(ILogger logger, Exception exception);
}
