using System.Globalization;

namespace TypedSessions.Sqlite;

/// <summary>
/// The store's SQL for one table. Values always travel as parameters; only the table name, validated by
/// <see cref="SqliteSessionRecordStoreOptionsValidator"/> as a plain identifier, is spliced into the text.
/// </summary>
internal sealed class SqliteSessionSql
{
    public const string IdParameter = "$id";
    public const string DataParameter = "$data";
    public const string ExpiresParameter = "$expires";
    public const string NowParameter = "$now";
    public const string CreatedParameter = "$created";
    public const string SavedParameter = "$saved";
    public const string UserParameter = "$user";
    public const string VersionParameter = "$version";
    public const string UserAgentParameter = "$agent";
    public const string RemoteAddressParameter = "$address";
    public const string SetUserParameter = "$setUser";
    public const string AfterParameter = "$after";

    /// <summary>How many rows one page of a user's sessions holds: one short read each, however many sessions the user has.</summary>
    public const int UserPageSize = 500;

    /// <summary>
    /// Columns added after the first release, with their definitions: a table created before them gains them on first
    /// use, and its rows read them as NULL (format version 1, metadata unknown).
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Definition)> MetadataColumns =
    [
        ("created_date", "INTEGER NULL"),
        ("saved_date", "INTEGER NULL"),
        ("user_id", "TEXT NULL"),
        ("format_version", "INTEGER NULL"),
        ("user_agent", "TEXT NULL"),
        ("remote_address", "TEXT NULL"),
    ];

    public SqliteSessionSql(SqliteSessionRecordStoreOptions options)
    {
        var tableName = options.TableName;
        var table = $"\"{tableName}\"";

        // Per connection: wait for a competing writer instead of failing at once with SQLITE_BUSY.
        ConfigureConnection = string.Create(
            CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");

        // The shape of Django's django_session: the key column holds the engine's SHA-256 record id, never a raw key.
        // Metadata columns follow; times are Unix milliseconds (UTC).
        CreateSchema = $"""
            CREATE TABLE IF NOT EXISTS {table} (
                session_key TEXT NOT NULL PRIMARY KEY,
                session_data TEXT NOT NULL,
                expire_date INTEGER NOT NULL,
                {string.Join(",\n    ", MetadataColumns.Select(column => $"{column.Name} {column.Definition}"))}
            );
            CREATE INDEX IF NOT EXISTS "{tableName}_expire_date" ON {table} (expire_date);
            """;

        ColumnNames = $"SELECT name FROM pragma_table_info('{tableName}');";

        // After the columns are added: a table from before user_id has none to index until then. Keyed by user and
        // then record id, so a page of a user's sessions is one range of the index, already in order; partial, because
        // anonymous sessions (most of them, on most sites) are never listed.
        CreateUserIndex = $"CREATE INDEX IF NOT EXISTS \"{tableName}_user_id\" ON {table} (user_id, session_key) WHERE user_id IS NOT NULL;";

        AddColumn = name => $"ALTER TABLE {table} ADD COLUMN {name} {MetadataColumns.Single(column => column.Name == name).Definition};";

        LoadLive = $"SELECT session_data, expire_date, created_date, saved_date, user_id, format_version, user_agent, remote_address FROM {table} WHERE session_key = $id AND expire_date > $now;";

        // One statement, so atomic: inserts, or takes over an expired row, or (live row) changes nothing.
        CreateOnly = $"""
            INSERT INTO {table} (session_key, session_data, expire_date, created_date, saved_date, user_id, format_version, user_agent, remote_address)
            VALUES ($id, $data, $expires, $created, $saved, $user, $version, $agent, $address)
            ON CONFLICT (session_key) DO UPDATE SET session_data = excluded.session_data, expire_date = excluded.expire_date,
                created_date = excluded.created_date, saved_date = excluded.saved_date, user_id = excluded.user_id,
                format_version = excluded.format_version, user_agent = excluded.user_agent, remote_address = excluded.remote_address
            WHERE {table}.expire_date <= $now;
            """;

        // The user only when the save moves the session ($setUser = 1); the origin (user agent, address) never.
        Overwrite = $"""
            UPDATE {table} SET session_data = $data, expire_date = $expires, saved_date = COALESCE($saved, saved_date), format_version = $version,
                user_id = CASE WHEN $setUser = 1 THEN $user ELSE user_id END
            WHERE session_key = $id;
            """;

        // Expiry only: the data is not rewritten.
        Touch = $"UPDATE {table} SET expire_date = $expires WHERE session_key = $id AND expire_date > $now AND COALESCE(format_version, 1) <= $version;";
        Delete = $"DELETE FROM {table} WHERE session_key = $id;";

        // One statement: only a live row, and it says whose it was. An expiry no load can read sorts after every
        // number, so such a row counts as live here, as it would for a plain delete.
        Revoke = $"DELETE FROM {table} WHERE session_key = $id AND expire_date > $now RETURNING user_id;";

        // One page of a user's live sessions after the record id $after, in record id order: a range of the user index.
        // The size is the data's bytes as stored (UTF-8), without reading it into the app.
        ListUserPage = string.Create(
            CultureInfo.InvariantCulture,
            $"""
            SELECT session_key, expire_date, created_date, saved_date, length(CAST(session_data AS BLOB)), user_agent, remote_address
            FROM {table} WHERE user_id = $user AND expire_date > $now AND session_key > $after ORDER BY session_key LIMIT {UserPageSize};
            """);

        // Expired, or an expiry no load can read: a number past the latest readable time, or text or a blob, which
        // SQLite sorts after every number. Both conditions are ranges of the expiry index.
        DeleteExpired = string.Create(
            CultureInfo.InvariantCulture,
            $"DELETE FROM {table} WHERE expire_date <= $now OR expire_date > {TypedSessions.Stores.SessionRecordTime.MaxUnixMilliseconds}");
        DeleteExpiredReturning = DeleteExpired + " RETURNING session_key, user_id;";
        DeleteExpired += ";";
    }

    /// <summary>WAL lets readers run beside the one writer; the mode is stored in the file, so once is enough.</summary>
    public static string EnableWal => "PRAGMA journal_mode = WAL;";

    public string ConfigureConnection { get; }

    public string CreateSchema { get; }

    /// <summary>The index that lists a user's sessions; run after <see cref="MetadataColumns"/> are added.</summary>
    public string CreateUserIndex { get; }

    public string LoadLive { get; }

    public string CreateOnly { get; }

    public string Overwrite { get; }

    public string Touch { get; }

    /// <summary>The names of the table's columns.</summary>
    public string ColumnNames { get; }

    /// <summary>Adds one of <see cref="MetadataColumns"/> to a table created before it existed.</summary>
    public Func<string, string> AddColumn { get; }

    public string Delete { get; }

    public string DeleteExpired { get; }

    /// <summary>As <see cref="DeleteExpired"/>, naming each row it deleted with its user.</summary>
    public string DeleteExpiredReturning { get; }

    public string Revoke { get; }

    public string ListUserPage { get; }
}
