namespace TypedSessions.Redis;

/// <summary>Configures <see cref="RedisSessionRecordStore"/>; validated at startup.</summary>
public sealed class RedisSessionRecordStoreOptions
{
    /// <summary>The key prefix used when none is configured.</summary>
    public const string DefaultKeyPrefix = "typedsessions:";

    /// <summary>The prefix of the per-user index keys used when none is configured.</summary>
    public const string DefaultUserIndexKeyPrefix = "typedsessions-users:";

    /// <summary>The default <see cref="UserIndexGracePeriod"/>: 1 day.</summary>
    public static readonly TimeSpan DefaultUserIndexGracePeriod = TimeSpan.FromDays(1);

    /// <summary>
    /// A StackExchange.Redis configuration string, for example <c>localhost:6379</c> or
    /// <c>redis-1:6379,redis-2:6379,password=…,ssl=true</c>. The store then owns its own connection, opened on first
    /// use and closed with the application. <see langword="null"/> (the default): the store uses the
    /// <c>IConnectionMultiplexer</c> registered in DI and never closes it.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// Put in front of every record id to make the session's Redis key (<c>typedsessions:&lt;record id&gt;</c> by
    /// default), so that sessions can share a database with other data. Must not be empty, and must not contain
    /// <c>{</c> or <c>}</c>: a Redis Cluster hash tag in the prefix would put every session in one hash slot, that is,
    /// on one node.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// Put in front of a user id to make the Redis key of the set that indexes the user's sessions by record id
    /// (<c>typedsessions-users:&lt;user id&gt;</c> by default). Must not be empty, must not contain <c>{</c> or <c>}</c>
    /// (a hash tag would put every user's set in one Redis Cluster slot), and neither it nor
    /// <see cref="KeyPrefix"/> may start with the other: each purge scans the keys under both prefixes and must never
    /// meet the other kind there.
    /// </summary>
    public string UserIndexKeyPrefix { get; set; } = DefaultUserIndexKeyPrefix;

    /// <summary>
    /// How long a user's index set outlives the latest expiry among the user's sessions. Redis evicts an expired
    /// session without a trace; while its id is still in its user's set, a purge finds it there and reports it as
    /// expired to <see cref="ISessionEvents"/>. Keep it longer than <see cref="TypedSessionsOptions.PurgeInterval"/>, or
    /// the last sessions of users who stay away go unreported. Defaults to 1 day; between zero and 365 days.
    /// </summary>
    public TimeSpan UserIndexGracePeriod { get; set; } = DefaultUserIndexGracePeriod;

    /// <summary>
    /// The Redis database number; <c>-1</c> (the default) uses the connection's default database
    /// (<c>defaultDatabase</c> in the configuration string, else 0). Redis Cluster only has database 0.
    /// </summary>
    public int Database { get; set; } = -1;

    /// <summary>
    /// How many keys <c>ClearExpiredAsync</c> asks each <c>SCAN</c> call for, and checks per batch. Defaults to 250;
    /// must be between 1 and 100,000.
    /// </summary>
    public int ClearExpiredBatchSize { get; set; } = 250;
}
