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
    /// <summary>How many rows one page of a user's sessions holds: one short read each, however many sessions the user has.</summary>
    public const int UserPageSize = 500;

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

        // Keyed by user and then record id, so a page of a user's sessions is one range of the index, already in order;
        // partial, because anonymous sessions (most of them, on most sites) are never listed.
        CreateUserIndex = $"CREATE INDEX IF NOT EXISTS \"{tableName}_user_id\" ON {Table} (user_id, session_key) WHERE user_id IS NOT NULL";

        // $1 id, $2 now.
        LoadLive = $"SELECT session_data, expire_date, created_date, saved_date, user_id, format_version, user_agent, remote_address FROM {Table} WHERE session_key = $1 AND expire_date > $2";

        // $1 id, $2 data, $3 expires, $4 now, $5 created, $6 saved, $7 user id, $8 format version, $9 user agent, $10
        // remote address. One statement, so atomic: inserts, or takes over an expired row, or (live row) changes nothing
        // and reports no row.
        CreateOnly = $"""
            INSERT INTO {Table} AS s (session_key, session_data, expire_date, created_date, saved_date, user_id, format_version, user_agent, remote_address)
            VALUES ($1, $2::jsonb, $3, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (session_key) DO UPDATE SET session_data = EXCLUDED.session_data, expire_date = EXCLUDED.expire_date,
                created_date = EXCLUDED.created_date, saved_date = EXCLUDED.saved_date, user_id = EXCLUDED.user_id,
                format_version = EXCLUDED.format_version, user_agent = EXCLUDED.user_agent, remote_address = EXCLUDED.remote_address
            WHERE s.expire_date <= $4
            """;

        // $1 id, $2 now, $3 removed keys, $4 changed keys as one object, $5 expires, $6 saved, $7 format version, $8
        // whether the user changes, $9 the user id then. The merge runs on the row as it is when the statement locks it,
        // so keys other requests wrote meanwhile survive. Removal first, then the patch, as SessionChanges.ApplyTo does.
        // Only a live row: a deleted or expired record is not resurrected, and data that is not an object (written out of
        // band) is not a session to merge into. The user is written only when the save moves the session; the origin
        // (user agent, address) never.
        Merge = $"""
            UPDATE {Table} SET session_data = (session_data - $3::text[]) || $4::jsonb, expire_date = $5, saved_date = COALESCE($6, saved_date), format_version = $7,
                user_id = CASE WHEN $8::boolean THEN $9::text ELSE user_id END
            WHERE session_key = $1 AND expire_date > $2 AND jsonb_typeof(session_data) = 'object' AND {WritableVersion}
            """;

        // $1 id, $2 now, $3 expires. The expiry only: the data is not rewritten.
        Touch = $"UPDATE {Table} SET expire_date = $3 WHERE session_key = $1 AND expire_date > $2 AND {WritableVersion}";

        // $1 id, $2 now. After MergeIfExpected changed nothing: whether the record was there to conflict with.
        ExistsMergeable = $"SELECT EXISTS (SELECT 1 FROM {Table} WHERE session_key = $1 AND expire_date > $2 AND jsonb_typeof(session_data) = 'object' AND {WritableVersion})";

        // $1 id.
        Delete = $"DELETE FROM {Table} WHERE session_key = $1";

        // $1 id, $2 now. One statement: only a live row, and it says whose it was. An expiry no load can read (infinity)
        // counts as live here, as it would for a plain delete.
        Revoke = $"DELETE FROM {Table} WHERE session_key = $1 AND expire_date > $2 RETURNING user_id";

        // $1 user id, $2 now, $3 the record id the page starts after. One page of a user's live sessions in record id
        // order: a range of the user index. The size is the data's bytes as a load returns it: the jsonb rendered as
        // text, in the database's encoding (UTF-8), comparable with the other stores; pg_column_size would give the
        // binary, possibly compressed, form instead.
        ListUserPage = string.Create(
            CultureInfo.InvariantCulture,
            $"""
            SELECT session_key, expire_date, created_date, saved_date, octet_length(session_data::text), user_agent, remote_address
            FROM {Table} WHERE user_id = $1 AND expire_date > $2 AND session_key > $3 ORDER BY session_key LIMIT {UserPageSize}
            """);

        // $1 now. Expired, or an expiry no load can read (infinity, or past year 9999): two ranges of the expiry index.
        DeleteExpired = $"DELETE FROM {Table} WHERE expire_date <= $1 OR expire_date > {PostgreSqlStoredRecord.LatestReadableTime}";
        DeleteExpiredReturning = DeleteExpired + " RETURNING session_key, user_id";
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

    /// <summary>The index that lists a user's sessions; run after <see cref="MetadataColumns"/> are added.</summary>
    public string CreateUserIndex { get; }

    /// <summary>Columns added after the first release: a table created before them gains them on first use.</summary>
    public static IReadOnlyList<(string Name, string Definition)> MetadataColumns { get; } =
    [
        ("created_date", "timestamptz NULL"),
        ("saved_date", "timestamptz NULL"),
        ("user_id", "text NULL"),
        ("format_version", "integer NULL"),
        ("user_agent", "text NULL"),
        ("remote_address", "text NULL"),
    ];

    public IReadOnlyList<string> AddMetadataColumns { get; }

    /// <summary>
    /// $1 the quoted table name: how many of <see cref="MetadataColumns"/> the table lacks, and whether it has an index
    /// that leads with <c>user_id</c> (by whatever name: one made by hand serves as well).
    /// </summary>
    public static string InspectTable { get; } = $"""
        SELECT
            (SELECT count(*) FROM unnest(ARRAY[{string.Join(", ", MetadataColumns.Select(column => $"'{column.Name}'"))}]) AS wanted(name)
             WHERE NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = wanted.name AND NOT attisdropped)),
            EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                    WHERE i.indrelid = to_regclass($1) AND a.attname = 'user_id' AND i.indisvalid)
        """;

    public string Touch { get; }

    public string LoadLive { get; }

    public string CreateOnly { get; }

    public string Merge { get; }

    /// <summary>
    /// As <see cref="Merge"/>, plus one condition per expected key: $10 the keys (<c>text[]</c>) and $11 their expected
    /// values (<c>jsonb[]</c>, in the same order, a NULL element meaning the key is expected absent). jsonb equality
    /// compares values, not text: what this store returned from a load matches what it holds.
    /// </summary>
    /// <remarks>
    /// Each check is a plain condition on the row, never a subquery: when a concurrent save updated the row first, READ
    /// COMMITTED waits for it and then re-evaluates the conditions on the row's latest version, and that recheck does
    /// not re-run a <c>NOT EXISTS</c> over <c>jsonb_each</c> (planned as an anti-join) against the new version. A stale
    /// expected value then passed, and two saves of one loaded value both applied. So the text depends on the number of
    /// keys; array elements keep the parameters at eleven however many keys there are.
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

    /// <summary>As <see cref="DeleteExpired"/>, naming each row it deleted with its user.</summary>
    public string DeleteExpiredReturning { get; }

    public string Revoke { get; }

    public string ListUserPage { get; }

    private string BuildMergeIfExpected(int expectedCount)
    {
        var text = new StringBuilder(Merge, Merge.Length + (expectedCount * 80));
        for (var i = 1; i <= expectedCount; i++)
        {
            // Absent keys yield SQL NULL from ->, which IS NOT DISTINCT FROM a NULL element; a stored JSON null does not.
            text.Append(CultureInfo.InvariantCulture, $"\n  AND (session_data -> ($10::text[])[{i}]) IS NOT DISTINCT FROM ($11::jsonb[])[{i}]");
        }

        return text.ToString();
    }
}
