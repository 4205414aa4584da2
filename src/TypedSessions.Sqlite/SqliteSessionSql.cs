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
        AddColumn = name => $"ALTER TABLE {table} ADD COLUMN {name} {MetadataColumns.Single(column => column.Name == name).Definition};";

        LoadLive = $"SELECT session_data, expire_date, created_date, saved_date, user_id, format_version FROM {table} WHERE session_key = $id AND expire_date > $now;";

        // One statement, so atomic: inserts, or takes over an expired row, or (live row) changes nothing.
        CreateOnly = $"""
            INSERT INTO {table} (session_key, session_data, expire_date, created_date, saved_date, user_id, format_version)
            VALUES ($id, $data, $expires, $created, $saved, $user, $version)
            ON CONFLICT (session_key) DO UPDATE SET session_data = excluded.session_data, expire_date = excluded.expire_date,
                created_date = excluded.created_date, saved_date = excluded.saved_date, user_id = excluded.user_id,
                format_version = excluded.format_version
            WHERE {table}.expire_date <= $now;
            """;

        Overwrite = $"UPDATE {table} SET session_data = $data, expire_date = $expires, saved_date = COALESCE($saved, saved_date), format_version = $version WHERE session_key = $id;";

        // Expiry only: the data is not rewritten.
        Touch = $"UPDATE {table} SET expire_date = $expires WHERE session_key = $id AND expire_date > $now AND COALESCE(format_version, 1) <= $version;";
        Delete = $"DELETE FROM {table} WHERE session_key = $id;";
        // Expired, or an expiry no load can read: a number past the latest readable time, or text or a blob, which
        // SQLite sorts after every number. Both conditions are ranges of the expiry index.
        DeleteExpired = string.Create(
            CultureInfo.InvariantCulture,
            $"DELETE FROM {table} WHERE expire_date <= $now OR expire_date > {TypedSessions.Stores.SessionRecordTime.MaxUnixMilliseconds};");
    }

    /// <summary>WAL lets readers run beside the one writer; the mode is stored in the file, so once is enough.</summary>
    public static string EnableWal => "PRAGMA journal_mode = WAL;";

    public string ConfigureConnection { get; }

    public string CreateSchema { get; }

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
}
