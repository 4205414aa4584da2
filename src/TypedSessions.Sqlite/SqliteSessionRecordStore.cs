using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TypedSessions.Stores;

namespace TypedSessions.Sqlite;

/// <summary>
/// Keeps sessions in one SQLite table shaped like Django's <c>django_session</c>: the record id (a SHA-256 of the
/// session key, never the key), the values as one JSON object, and the expiry in Unix milliseconds (UTC), indexed.
/// </summary>
/// <remarks>
/// <para>
/// The table and its index are created on first use. The database runs in WAL mode (readers never wait for the writer)
/// and every connection sets <see cref="SqliteSessionRecordStoreOptions.BusyTimeout"/>, so concurrent writes queue for the
/// lock instead of failing with <c>SQLITE_BUSY</c>.
/// </para>
/// <para>
/// Updates merge per key inside one <c>BEGIN IMMEDIATE</c> transaction: two concurrent requests that change different
/// keys both survive.
/// </para>
/// <para>
/// A user's sessions are listed and revoked through the partial index <c>{table}_user_id</c> on
/// <c>(user_id, session_key)</c> (<see cref="ISessionUserIndex"/>): a listing reads pages of 500 rows in record id
/// order, each one range of the index, and reports each session's data size as the bytes of <c>session_data</c> as
/// stored (UTF-8); a revoke is one <c>DELETE … RETURNING user_id</c>. A create writes the user id and the request's
/// origin (<c>user_agent</c>, <c>remote_address</c>); an update writes the user id, inside its transaction, only when
/// <see cref="SessionChanges.UserIdChanged"/>, and never the origin. A purge can name each record it deleted
/// (<see cref="ISessionPurgeReporting"/>), from the same single <c>DELETE</c>. A table made by an earlier version gains
/// the columns and the index on first use.
/// </para>
/// <para>
/// Microsoft.Data.Sqlite's async methods complete synchronously. They are used anyway, to keep to the store contract:
/// SQLite is an embedded file, so there is no network I/O to wait for, only local disk access. While another
/// connection holds the write lock, a write waits for it on the calling thread.
/// </para>
/// </remarks>
public sealed class SqliteSessionRecordStore : ISessionRecordStore, ISessionUserIndex, ISessionPurgeReporting, IDescribedSessionStore, ISessionStoreHealthProbe
{
    private readonly SqliteSessionSql _sql;
    private readonly SqliteSessionDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _securityLogger;

    /// <summary>Creates the store; nothing touches the database until the first call.</summary>
    /// <param name="options">The connection string and table; validated here as well as at startup.</param>
    /// <param name="timeProvider">The clock that decides which records have expired.</param>
    /// <param name="loggerFactory">Where to log; nothing is logged when omitted.</param>
    /// <exception cref="OptionsValidationException">The options are invalid, for example an unsafe table name.</exception>
    public SqliteSessionRecordStore(IOptions<SqliteSessionRecordStoreOptions> options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

        // The table name is spliced into SQL, so a store built by hand is checked too, not only one from DI.
        var value = options.Value;
        SqliteSessionRecordStoreOptionsValidator.ThrowIfInvalid(value);
        loggerFactory ??= NullLoggerFactory.Instance;
        _sql = new SqliteSessionSql(value);
        _database = new SqliteSessionDatabase(value, _sql, loggerFactory.CreateLogger("TypedSessions.Sqlite"));
        _time = timeProvider;
        _securityLogger = loggerFactory.CreateLogger("TypedSessions.Security");
        Description = new SessionStoreDescription { Name = "sqlite", DatabaseSystemName = "sqlite", CollectionName = value.TableName };
    }

    /// <inheritdoc />
    /// <remarks><c>sqlite</c> and the table name; not the database file's path, which may say more about the machine than a trace should.</remarks>
    public SessionStoreDescription Description { get; }

    /// <inheritdoc />
    /// <remarks>Opens a connection (creating the table on first use, as any call does) and runs <c>SELECT 1</c>.</remarks>
    public async ValueTask PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        _ = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, _sql.LoadLive, recordId);
        AddNow(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return SessionLoadResult.NotFound;
        }

        return SqliteStoredRecord.Read(
            reader.GetValue(0), reader.GetValue(1), reader.GetValue(2), reader.GetValue(3), reader.GetValue(4), reader.GetValue(5), reader.GetValue(6), reader.GetValue(7));
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(record);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, _sql.CreateOnly, recordId);
        command.Parameters.AddWithValue(SqliteSessionSql.DataParameter, SessionDataFormat.Encode(record.Values));
        command.Parameters.AddWithValue(SqliteSessionSql.ExpiresParameter, record.ExpiresAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue(SqliteSessionSql.CreatedParameter, (object?)record.CreatedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue(SqliteSessionSql.SavedParameter, (object?)record.LastSavedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue(SqliteSessionSql.UserParameter, (object?)record.UserId ?? DBNull.Value);
        command.Parameters.AddWithValue(SqliteSessionSql.VersionParameter, SessionRecordFormat.CurrentVersion);
        command.Parameters.AddWithValue(SqliteSessionSql.UserAgentParameter, (object?)record.UserAgent ?? DBNull.Value);
        command.Parameters.AddWithValue(SqliteSessionSql.RemoteAddressParameter, (object?)record.RemoteAddress ?? DBNull.Value);
        AddNow(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? SessionWriteResult.Written : SessionWriteResult.IdTaken;
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(changes);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // IMMEDIATE takes the write lock before the read, so no other writer can slip in between read and write-back.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        var stored = await ReadLiveDataAsync(connection, recordId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            // Deleted or expired meanwhile: never resurrect it.
            return SessionWriteResult.NotFound;
        }

        var merged = Merge(stored, changes);
        if (merged is null)
        {
            return SessionWriteResult.Conflict;
        }

        await using (var command = Command(connection, _sql.Overwrite, recordId))
        {
            command.Parameters.AddWithValue(SqliteSessionSql.DataParameter, SessionDataFormat.Encode(merged));
            command.Parameters.AddWithValue(SqliteSessionSql.ExpiresParameter, changes.ExpiresAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue(SqliteSessionSql.SavedParameter, (object?)changes.SavedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            command.Parameters.AddWithValue(SqliteSessionSql.VersionParameter, SessionRecordFormat.CurrentVersion);
            command.Parameters.AddWithValue(SqliteSessionSql.SetUserParameter, changes.UserIdChanged ? 1 : 0);
            command.Parameters.AddWithValue(SqliteSessionSql.UserParameter, (object?)changes.UserId ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return SessionWriteResult.Written;
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, _sql.Touch, recordId);
        command.Parameters.AddWithValue(SqliteSessionSql.ExpiresParameter, expiresAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue(SqliteSessionSql.VersionParameter, SessionRecordFormat.CurrentVersion);
        AddNow(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? SessionWriteResult.Written : SessionWriteResult.NotFound;
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, _sql.Delete, recordId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = _sql.DeleteExpired;
        AddNow(command);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The deleted rows come back from the <c>DELETE</c> itself (<c>RETURNING</c>), so concurrent purges still count
    /// each row once; <paramref name="onExpired"/> hears of them after the statement has committed.
    /// </remarks>
    async ValueTask<int> ISessionPurgeReporting.ClearExpiredAsync(Func<ExpiredSession, ValueTask> onExpired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onExpired);
        var deleted = 0;
        var expired = new List<ExpiredSession>();
        await using (var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = _sql.DeleteExpiredReturning;
            AddNow(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                deleted++;

                // A key that is not text was never written by this store, so there is no session to report.
                if (reader.GetValue(0) is string recordId)
                {
                    expired.Add(new ExpiredSession(recordId, reader.GetValue(1) as string));
                }
            }
        }

        foreach (var session in expired)
        {
            await onExpired(session).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Pages of 500 rows in record id order, each read on a connection of its own that is closed before the page is
    /// handed out: a slow consumer holds no connection and no read snapshot. A row whose times or text columns cannot be
    /// read is left out and counted in a warning.
    /// </remarks>
    public async IAsyncEnumerable<SessionInfo> ListUserSessionsAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);

        // The raw key of the last row read, so a page follows on exactly from any key SQLite holds, text or not.
        object after = string.Empty;
        while (true)
        {
            var (sessions, rows, lastKey) = await ReadUserPageAsync(userId, after, cancellationToken).ConfigureAwait(false);
            foreach (var session in sessions)
            {
                yield return session;
            }

            if (rows < SqliteSessionSql.UserPageSize || lastKey is null)
            {
                yield break;
            }

            after = lastKey;
        }
    }

    /// <inheritdoc />
    public async ValueTask<SessionRevokeResult> RevokeAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, _sql.Revoke, recordId);
        AddNow(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SessionRevokeResult(Revoked: true, reader.GetValue(0) as string)
            : SessionRevokeResult.NotFound;
    }

    private async ValueTask<(List<SessionInfo> Sessions, int Rows, object? LastKey)> ReadUserPageAsync(
        string userId, object after, CancellationToken cancellationToken)
    {
        var sessions = new List<SessionInfo>();
        var rows = 0;
        object? lastKey = null;
        await using (var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = _sql.ListUserPage;
            command.Parameters.AddWithValue(SqliteSessionSql.UserParameter, userId);
            command.Parameters.AddWithValue(SqliteSessionSql.AfterParameter, after);
            AddNow(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows++;
                lastKey = reader.GetValue(0);
                if (SqliteStoredRecord.ReadInfo(
                    userId, lastKey, reader.GetValue(1), reader.GetValue(2), reader.GetValue(3), reader.GetValue(4), reader.GetValue(5), reader.GetValue(6)) is { } info)
                {
                    sessions.Add(info);
                }
            }
        }

        if (sessions.Count < rows)
        {
            Log.UnreadableRowsNotListed(_securityLogger, rows - sessions.Count);
        }

        return (sessions, rows, lastKey);
    }

    // A record of a newer layout is no record this build may write into, and one whose expiry cannot be read never
    // loads: both are as good as gone.
    private async ValueTask<string?> ReadLiveDataAsync(SqliteConnection connection, string recordId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, _sql.LoadLive, recordId);
        AddNow(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            && SessionRecordFormat.CanRead(SessionRecordFormat.ReadVersion(reader.IsDBNull(5) ? null : reader.GetInt64(5)))
            && SqliteStoredRecord.Time(reader.GetValue(1)) is not null
            ? reader.GetString(0)
            : null;
    }

    // The saving request's changes over what is stored now, so keys other requests changed meanwhile are kept;
    // null when an optimistic save finds a key it changes already changed by someone else.
    private Dictionary<string, string>? Merge(string stored, SessionChanges changes)
    {
        try
        {
            var current = SessionDataFormat.Decode(stored);
            return changes.ExpectedValuesMatch(current) ? changes.ApplyTo(current) : null;
        }
        catch (SessionDataCorruptedException exception)
        {
            // Failing here would turn a save into a 500; the saving request's full view is the best data there is.
            Log.CorruptedRecordOverwritten(_securityLogger, exception.Message);
            return new Dictionary<string, string>(changes.Values, StringComparer.Ordinal);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, string recordId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(SqliteSessionSql.IdParameter, recordId);
        return command;
    }

    private void AddNow(SqliteCommand command)
        => command.Parameters.AddWithValue(SqliteSessionSql.NowParameter, _time.GetUtcNow().ToUnixTimeMilliseconds());
}
