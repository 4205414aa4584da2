namespace TypedSessions.PostgreSql;

/// <summary>Configures <see cref="PostgreSqlSessionRecordStore"/>; validated at startup.</summary>
public sealed class PostgreSqlSessionRecordStoreOptions
{
    /// <summary>The table name used when none is configured, next to Django's <c>django_session</c>.</summary>
    public const string DefaultTableName = "typed_sessions";

    /// <summary>
    /// The Npgsql connection string, for example <c>Host=db;Database=app;Username=app;Password=…</c>. Set by
    /// <c>AddPostgreSqlStore(connectionString)</c>; unused when the store takes the <c>NpgsqlDataSource</c> registered
    /// in dependency injection.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The schema that holds the table, or <see langword="null"/> (the default) for the connection's
    /// <c>search_path</c>, usually <c>public</c>. The schema must already exist. It is quoted in SQL, so its case is
    /// kept exactly: a letter or underscore, then letters, digits or underscores, at most 63 characters, not starting
    /// with <c>pg_</c>.
    /// </summary>
    public string? SchemaName { get; set; }

    /// <summary>
    /// The table that holds the sessions. Defaults to <see cref="DefaultTableName"/>. It is quoted in SQL, so its case
    /// is kept exactly: a letter or underscore, then letters, digits or underscores, at most 50 characters (the indexes
    /// are named after it, the longest name being <c>{table}_expire_date</c>, and PostgreSQL names stop at 63).
    /// </summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>
    /// Whether the store creates the table and its expiry and user indexes on first use when the table does not exist
    /// yet, and adds the columns and the user index an older table lacks. Defaults to <see langword="true"/>. Set it to
    /// <see langword="false"/> when you manage the schema yourself (run <c>docs/sql/postgresql.sql</c>, adapted to your
    /// names): the store then never runs DDL and its database user needs no <c>CREATE</c> privilege.
    /// </summary>
    public bool CreateTableIfMissing { get; set; } = true;
}
