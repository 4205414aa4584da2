namespace TypedSessions.Stores;

/// <summary>What a store that keeps no index by user says when asked to list or revoke a user's sessions.</summary>
internal static class SessionUserIndexSupport
{
    public static NotSupportedException NotSupported(object store)
        => new($"The session store {store.GetType().Name} cannot list or revoke a user's sessions: it keeps no index by user. " +
            "The memory, SQLite, PostgreSQL and Redis stores can (AddMemoryStore, AddSqliteStore, AddPostgreSqlStore, AddRedisStore), " +
            "and so can a cached store over one of them. With the cookie store, sign a user out everywhere by rejecting their " +
            "authentication principal instead (for example with ASP.NET Core Identity's security stamp).");
}
