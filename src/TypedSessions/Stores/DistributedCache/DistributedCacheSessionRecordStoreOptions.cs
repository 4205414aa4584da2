namespace TypedSessions.Stores.DistributedCache;

/// <summary>Configures <see cref="DistributedCacheSessionRecordStore"/>; validated at startup.</summary>
public sealed class DistributedCacheSessionRecordStoreOptions
{
    /// <summary>The key prefix used when none is configured.</summary>
    public const string DefaultKeyPrefix = "typedsessions:";

    /// <summary>The longest key prefix accepted, so that prefix plus record id fits memcached's 250-byte keys.</summary>
    public const int MaxKeyPrefixLength = 128;

    /// <summary>
    /// Put before each record id (64 hex digits) to make the cache key, so that sessions cannot collide with the
    /// app's other entries in a shared cache. Defaults to <see cref="DefaultKeyPrefix"/>; may be empty. At most
    /// <see cref="MaxKeyPrefixLength"/> characters, with no whitespace or control characters (some caches reject them).
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;
}
