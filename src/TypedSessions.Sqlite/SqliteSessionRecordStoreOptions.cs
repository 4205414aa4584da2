namespace TypedSessions.Sqlite;

/// <summary>Configures <see cref="SqliteSessionRecordStore"/>; validated at startup.</summary>
public sealed class SqliteSessionRecordStoreOptions
{
    /// <summary>The table name used when none is configured, next to Django's <c>django_session</c>.</summary>
    public const string DefaultTableName = "typed_sessions";

    /// <summary>
    /// The Microsoft.Data.Sqlite connection string, for example <c>Data Source=sessions.db</c>. Required. A private
    /// in-memory database (<c>:memory:</c> without <c>Cache=Shared</c>) is rejected: every connection would see its
    /// own empty database.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The table that holds the sessions; created with its expiry and user indexes on first use. Defaults to
    /// <see cref="DefaultTableName"/>. It is written into SQL text, so it must be a plain identifier: a letter or
    /// underscore, then letters, digits or underscores, at most 64 characters.
    /// </summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// How long SQLite itself waits for a competing writer's lock (its <c>busy_timeout</c>) before reporting
    /// <c>SQLITE_BUSY</c>. Defaults to 5 seconds; must be positive. Microsoft.Data.Sqlite then retries a busy statement
    /// every 150 ms until the command timeout (<c>Default Timeout</c> in the connection string, 30 seconds by default)
    /// runs out, so this setting mostly decides how promptly a waiting write gets the lock.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
