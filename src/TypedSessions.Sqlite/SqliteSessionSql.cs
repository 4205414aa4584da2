using System.Globalization;

namespace TypedSessions.Sqlite;

/// <summary>
/// The store's SQL for one table. Values always travel as parameters; only the table name, validated by
/// <see cref="SqliteSessionStoreOptionsValidator"/> as a plain identifier, is spliced into the text.
/// </summary>
internal sealed class SqliteSessionSql
{
    public const string IdParameter = "$id";
    public const string DataParameter = "$data";
    public const string ExpiresParameter = "$expires";
    public const string NowParameter = "$now";

    public SqliteSessionSql(SqliteSessionStoreOptions options)
    {
        var tableName = options.TableName;
        var table = $"\"{tableName}\"";

        // Per connection: wait for a competing writer instead of failing at once with SQLITE_BUSY.
        ConfigureConnection = string.Create(
            CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds};");

        // The shape of Django's django_session: the key column holds the engine's SHA-256 record id, never a raw key.
        CreateSchema = $"""
            CREATE TABLE IF NOT EXISTS {table} (
                session_key TEXT NOT NULL PRIMARY KEY,
                session_data TEXT NOT NULL,
                expire_date INTEGER NOT NULL
            );
            CREATE INDEX IF NOT EXISTS "{tableName}_expire_date" ON {table} (expire_date);
            """;

        LoadLive = $"SELECT session_data, expire_date FROM {table} WHERE session_key = $id AND expire_date > $now;";

        // One statement, so atomic: inserts, or takes over an expired row, or (live row) changes nothing.
        CreateOnly = $"""
            INSERT INTO {table} (session_key, session_data, expire_date) VALUES ($id, $data, $expires)
            ON CONFLICT (session_key) DO UPDATE SET session_data = excluded.session_data, expire_date = excluded.expire_date
            WHERE {table}.expire_date <= $now;
            """;

        Overwrite = $"UPDATE {table} SET session_data = $data, expire_date = $expires WHERE session_key = $id;";
        Delete = $"DELETE FROM {table} WHERE session_key = $id;";
        ExistsLive = $"SELECT EXISTS (SELECT 1 FROM {table} WHERE session_key = $id AND expire_date > $now);";
        DeleteExpired = $"DELETE FROM {table} WHERE expire_date <= $now;";
    }

    /// <summary>WAL lets readers run beside the one writer; the mode is stored in the file, so once is enough.</summary>
    public static string EnableWal => "PRAGMA journal_mode = WAL;";

    public string ConfigureConnection { get; }

    public string CreateSchema { get; }

    public string LoadLive { get; }

    public string CreateOnly { get; }

    public string Overwrite { get; }

    public string Delete { get; }

    public string ExistsLive { get; }

    public string DeleteExpired { get; }
}
