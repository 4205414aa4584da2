using System.Data;
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
/// Microsoft.Data.Sqlite's async methods complete synchronously. They are used anyway, to keep to the store contract:
/// SQLite is an embedded file, so there is no network I/O to wait for, only local disk access. While another
/// connection holds the write lock, a write waits for it on the calling thread.
/// </para>
/// </remarks>
public sealed class SqliteSessionRecordStore : ISessionRecordStore
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
            reader.GetValue(0), reader.GetValue(1), reader.GetValue(2), reader.GetValue(3), reader.GetValue(4), reader.GetValue(5));
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
