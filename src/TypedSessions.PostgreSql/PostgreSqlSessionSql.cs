using System.Globalization;
using System.Text;

namespace TypedSessions.PostgreSql;

/// <summary>
/// The store's SQL for one table. Values always travel as positional parameters (<c>$1</c>, <c>$2</c>…, which work
/// even where an app turns off Npgsql's SQL rewriting); only the schema and table names, validated by
/// <see cref="PostgreSqlSessionRecordStoreOptionsValidator"/> as plain identifiers, are spliced into the text, quoted.
/// </summary>
internal sealed class PostgreSqlSessionSql
{
    // Texts of MergeIfExpected for up to this many expected keys are kept; larger saves are rare and build theirs anew.
    private const int CachedExpectedCounts = 64;

    private readonly string?[] _mergeIfExpected = new string?[CachedExpectedCounts + 1];

    public PostgreSqlSessionSql(PostgreSqlSessionRecordStoreOptions options)
    {
        var tableName = options.TableName;
        Table = options.SchemaName is { } schema ? $"\"{schema}\".\"{tableName}\"" : $"\"{tableName}\"";

        // The shape of Django's django_session, kept in step with docs/sql/postgresql.sql. The key column holds the
        // engine's SHA-256 record id, never a raw key; COLLATE "C" makes its comparisons plain byte comparisons.
        CreateTable = $"""
            CREATE TABLE IF NOT EXISTS {Table} (
                session_key text COLLATE "C" PRIMARY KEY,
                session_data jsonb NOT NULL,
                expire_date timestamptz NOT NULL,
                {string.Join(",\n    ", MetadataColumns.Select(column => $"{column.Name} {column.Definition}"))}
            )
            """;

        // For a table created before the metadata columns: its rows read them as NULL (format version 1).
        AddMetadataColumns = [.. MetadataColumns.Select(column => $"ALTER TABLE {Table} ADD COLUMN IF NOT EXISTS {column.Name} {column.Definition}")];

        // An index is always created in its table's schema, so its name is never qualified.
        CreateIndex = $"CREATE INDEX IF NOT EXISTS \"{tableName}_expire_date\" ON {Table} (expire_date)";

        // $1 id, $2 now.
        LoadLive = $"SELECT session_data, expire_date, created_date, saved_date, user_id, format_version FROM {Table} WHERE session_key = $1 AND expire_date > $2";

        // $1 id, $2 data, $3 expires, $4 now, $5 created, $6 saved, $7 user id, $8 format version. One statement, so
        // atomic: inserts, or takes over an expired row, or (live row) changes nothing and reports no row.
        CreateOnly = $"""
            INSERT INTO {Table} AS s (session_key, session_data, expire_date, created_date, saved_date, user_id, format_version)
            VALUES ($1, $2::jsonb, $3, $5, $6, $7, $8)
            ON CONFLICT (session_key) DO UPDATE SET session_data = EXCLUDED.session_data, expire_date = EXCLUDED.expire_date,
                created_date = EXCLUDED.created_date, saved_date = EXCLUDED.saved_date, user_id = EXCLUDED.user_id,
                format_version = EXCLUDED.format_version
            WHERE s.expire_date <= $4
            """;

        // $1 id, $2 now, $3 removed keys, $4 changed keys as one object, $5 expires, $6 saved, $7 format version. The
        // merge runs on the row as it is when the statement locks it, so keys other requests wrote meanwhile survive.
        // Removal first, then the patch, as SessionChanges.ApplyTo does. Only a live row: a deleted or expired record is
        // not resurrected, and data that is not an object (written out of band) is not a session to merge into.
        Merge = $"""
            UPDATE {Table} SET session_data = (session_data - $3::text[]) || $4::jsonb, expire_date = $5, saved_date = COALESCE($6, saved_date), format_version = $7
            WHERE session_key = $1 AND expire_date > $2 AND jsonb_typeof(session_data) = 'object' AND {WritableVersion}
            """;

        // $1 id, $2 now, $3 expires. The expiry only: the data is not rewritten.
        Touch = $"UPDATE {Table} SET expire_date = $3 WHERE session_key = $1 AND expire_date > $2 AND {WritableVersion}";

        // $1 id, $2 now. After MergeIfExpected changed nothing: whether the record was there to conflict with.
        ExistsMergeable = $"SELECT EXISTS (SELECT 1 FROM {Table} WHERE session_key = $1 AND expire_date > $2 AND jsonb_typeof(session_data) = 'object' AND {WritableVersion})";

        // $1 id.
        Delete = $"DELETE FROM {Table} WHERE session_key = $1";

        // $1 now. Expired, or an expiry no load can read (infinity, or past year 9999): two ranges of the expiry index.
        DeleteExpired = $"DELETE FROM {Table} WHERE expire_date <= $1 OR expire_date > {PostgreSqlStoredRecord.LatestReadableTime}";
    }

    // A row of a newer layout is no row this build may write into (a rolling deploy): as good as gone. The version is
    // this build's constant, not data.
    private static readonly string WritableVersion = string.Create(
        CultureInfo.InvariantCulture, $"COALESCE(format_version, 1) <= {TypedSessions.Stores.SessionRecordFormat.CurrentVersion}");

    /// <summary>The quoted, optionally schema-qualified table name, as it appears in the SQL and in log messages.</summary>
    public string Table { get; }

    /// <summary>$1 the quoted table name: whether it resolves to a table (on the connection's search path if unqualified).</summary>
    public static string TableExists => "SELECT to_regclass($1) IS NOT NULL";

    /// <summary>$1 a key derived from the table name: serializes schema creation across every process that uses the table.</summary>
    public static string LockSchemaCreation => "SELECT pg_advisory_xact_lock($1)";

    public string CreateTable { get; }

    public string CreateIndex { get; }

    /// <summary>Columns added after the first release: a table created before them gains them on first use.</summary>
    public static IReadOnlyList<(string Name, string Definition)> MetadataColumns { get; } =
    [
        ("created_date", "timestamptz NULL"),
        ("saved_date", "timestamptz NULL"),
        ("user_id", "text NULL"),
        ("format_version", "integer NULL"),
    ];

    public IReadOnlyList<string> AddMetadataColumns { get; }

    /// <summary>$1 the quoted table name: how many of <see cref="MetadataColumns"/> the table lacks.</summary>
    public static string MissingMetadataColumns { get; } = $"""
        SELECT count(*) FROM unnest(ARRAY[{string.Join(", ", MetadataColumns.Select(column => $"'{column.Name}'"))}]) AS wanted(name)
        WHERE NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = wanted.name AND NOT attisdropped)
        """;

    public string Touch { get; }

    public string LoadLive { get; }

    public string CreateOnly { get; }

    public string Merge { get; }

    /// <summary>
    /// As <see cref="Merge"/>, plus one condition per expected key: $8 the keys (<c>text[]</c>) and $9 their expected
    /// values (<c>jsonb[]</c>, in the same order, a NULL element meaning the key is expected absent). jsonb equality
    /// compares values, not text: what this store returned from a load matches what it holds.
    /// </summary>
    /// <remarks>
    /// Each check is a plain condition on the row, never a subquery: when a concurrent save updated the row first, READ
    /// COMMITTED waits for it and then re-evaluates the conditions on the row's latest version, and that recheck does
    /// not re-run a <c>NOT EXISTS</c> over <c>jsonb_each</c> (planned as an anti-join) against the new version. A stale
    /// expected value then passed, and two saves of one loaded value both applied. So the text depends on the number of
    /// keys; array elements keep the parameters at nine however many keys there are.
    /// </remarks>
    public string MergeIfExpected(int expectedCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedCount);
        if (expectedCount >= _mergeIfExpected.Length)
        {
            return BuildMergeIfExpected(expectedCount);
        }

        // A race builds the same text twice; either copy serves.
        return _mergeIfExpected[expectedCount] ??= BuildMergeIfExpected(expectedCount);
    }

    public string ExistsMergeable { get; }

    public string Delete { get; }

    public string DeleteExpired { get; }

    private string BuildMergeIfExpected(int expectedCount)
    {
        var text = new StringBuilder(Merge, Merge.Length + (expectedCount * 80));
        for (var i = 1; i <= expectedCount; i++)
        {
            // Absent keys yield SQL NULL from ->, which IS NOT DISTINCT FROM a NULL element; a stored JSON null does not.
            text.Append(CultureInfo.InvariantCulture, $"\n  AND (session_data -> ($8::text[])[{i}]) IS NOT DISTINCT FROM ($9::jsonb[])[{i}]");
        }

        return text.ToString();
    }
}
