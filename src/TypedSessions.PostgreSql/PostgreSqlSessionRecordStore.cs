using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TypedSessions.Stores;

namespace TypedSessions.PostgreSql;

/// <summary>
/// Keeps sessions in one PostgreSQL table shaped like Django's <c>django_session</c>: the record id (a SHA-256 of the
/// session key, never the key), the values as one <c>jsonb</c> object, and the expiry as <c>timestamptz</c>, indexed.
/// </summary>
/// <remarks>
/// <para>
/// The table and its index are created on first use unless <see cref="PostgreSqlSessionRecordStoreOptions.CreateTableIfMissing"/>
/// is off; <c>docs/sql/postgresql.sql</c> creates the same schema for those who manage their own.
/// </para>
/// <para>
/// A save is one <c>UPDATE</c> that merges only the keys it changed into what the row holds at that moment
/// (<c>(session_data - removed) || changed</c>): two concurrent requests that change different keys both survive. In
/// optimistic mode the same statement also checks the expected values, so check and write are one atomic step. Each
/// check is a plain condition on the row, so a save that had to wait for a concurrent one is checked against what that
/// one wrote, not against the row it first saw.
/// </para>
/// <para>
/// A user's sessions are listed and revoked through the partial index <c>{table}_user_id</c> on
/// <c>(user_id, session_key)</c> (<see cref="ISessionUserIndex"/>): a listing reads pages of 500 rows in record id
/// order, each one range of the index, and reports each session's data size as <c>octet_length(session_data::text)</c>,
/// the bytes of the JSON a load returns (not <c>pg_column_size</c>, the binary and possibly compressed form, so that
/// sizes compare across stores); a revoke is one <c>DELETE … RETURNING user_id</c>. A create writes the user id and the
/// request's origin (<c>user_agent</c>, <c>remote_address</c>); a save writes the user id, in its one <c>UPDATE</c>,
/// only when <see cref="SessionChanges.UserIdChanged"/>, and never the origin. A purge can name each record it deleted
/// (<see cref="ISessionPurgeReporting"/>), from the same single <c>DELETE</c>. A table made by an earlier version gains
/// the columns and the index on first use; without <see cref="PostgreSqlSessionRecordStoreOptions.CreateTableIfMissing"/>,
/// missing columns fail with what to run and a missing index is logged as a warning.
/// </para>
/// <para>
/// <c>jsonb</c> keeps values, not their text: a loaded value is PostgreSQL's rendering of what was saved (object keys
/// reordered, spaces after <c>:</c> and <c>,</c>, escapes such as <c>\u00e9</c> decoded), equal as JSON but not always
/// as text. Optimistic checks compare as JSON, so this never causes a false conflict; but assigning a value equal to a
/// loaded object, array or non-ASCII string may count as a change and be saved again. It cannot hold the NUL character (<c>\u0000</c>) in a string or a key: saving one fails with a
/// <see cref="PostgresException"/> (SQLSTATE 22P05).
/// </para>
/// <para>
/// Every call is one statement in a transaction of its own, and nothing outlives it in the database session: no
/// session-level lock, <c>SET</c>, cursor or statement the store prepares. So the store works behind PgBouncer in
/// transaction pooling mode, as long as the connection string leaves Npgsql's <c>Max Auto Prepare</c> at 0, its default
/// (see the package README, "Behind PgBouncer").
/// </para>
/// </remarks>
public sealed class PostgreSqlSessionRecordStore : ISessionRecordStore, ISessionUserIndex, ISessionPurgeReporting, IDescribedSessionStore, ISessionStoreHealthProbe, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;
    private readonly PostgreSqlSessionSql _sql;
    private readonly PostgreSqlSessionTable _table;
    private readonly TimeProvider _time;
    private readonly ILogger _securityLogger;

    /// <summary>
    /// Creates the store over a data source of its own, built from <see cref="PostgreSqlSessionRecordStoreOptions.ConnectionString"/>
    /// and disposed with the store. Nothing touches the database until the first call.
    /// </summary>
    /// <param name="options">The connection string and table; validated here as well as at startup.</param>
    /// <param name="timeProvider">The clock that decides which records have expired.</param>
    /// <param name="loggerFactory">Where the store and Npgsql log; nothing is logged when <see langword="null"/>.</param>
    /// <exception cref="OptionsValidationException">The options are invalid, for example an unsafe table name or no connection string.</exception>
    public PostgreSqlSessionRecordStore(IOptions<PostgreSqlSessionRecordStoreOptions> options, TimeProvider timeProvider, ILoggerFactory? loggerFactory)
        : this(null, options, timeProvider, loggerFactory, ownsDataSource: true)
    {
    }

    /// <summary>
    /// Creates the store over a shared data source, which the caller keeps and disposes. Nothing touches the database
    /// until the first call; <see cref="PostgreSqlSessionRecordStoreOptions.ConnectionString"/> is ignored.
    /// </summary>
    /// <param name="dataSource">Where connections come from, for example the <see cref="NpgsqlDataSource"/> the app registers.</param>
    /// <param name="options">The table; validated here as well as at startup.</param>
    /// <param name="timeProvider">The clock that decides which records have expired.</param>
    /// <param name="loggerFactory">Where the store logs; nothing is logged when omitted.</param>
    /// <exception cref="OptionsValidationException">The options are invalid, for example an unsafe table name.</exception>
    public PostgreSqlSessionRecordStore(
        NpgsqlDataSource dataSource, IOptions<PostgreSqlSessionRecordStoreOptions> options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
        : this(dataSource ?? throw new ArgumentNullException(nameof(dataSource)), options, timeProvider, loggerFactory, ownsDataSource: false)
    {
    }

    private PostgreSqlSessionRecordStore(
        NpgsqlDataSource? dataSource,
        IOptions<PostgreSqlSessionRecordStoreOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory? loggerFactory,
        bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);

        // Names are spliced into SQL, so a store built by hand is checked too, not only one from DI.
        var value = options.Value;
        PostgreSqlSessionRecordStoreOptionsValidator.ThrowIfInvalid(value);
        loggerFactory ??= NullLoggerFactory.Instance;
        _ownsDataSource = ownsDataSource;
        _dataSource = dataSource ?? BuildDataSource(value, loggerFactory);
        _sql = new PostgreSqlSessionSql(value);
        _table = new PostgreSqlSessionTable(_dataSource, _sql, value.CreateTableIfMissing, loggerFactory.CreateLogger("TypedSessions.PostgreSql"));
        _time = timeProvider;
        _securityLogger = loggerFactory.CreateLogger("TypedSessions.Security");
        Description = PostgreSqlStoreDescription.Of(_dataSource, value);
    }

    /// <inheritdoc />
    /// <remarks>
    /// <c>postgresql</c>, the database (qualified by the schema when one is set) as <c>db.namespace</c>, the table, and the
    /// server when the connection string names exactly one host.
    /// </remarks>
    public SessionStoreDescription Description { get; }

    /// <inheritdoc />
    /// <remarks>One <c>SELECT 1</c> on a pooled connection; the table is not consulted.</remarks>
    public async ValueTask PingAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1");
        _ = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(_sql.LoadLive, recordId, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(Timestamp(_time.GetUtcNow()));
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return SessionLoadResult.NotFound;
        }

        // Times as PostgreSQL's raw microseconds: a DateTimeOffset cannot hold every timestamptz.
        return PostgreSqlStoredRecord.Read(
            reader.GetString(0),
            reader.GetFieldValue<long>(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<long>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<long>(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetInt64(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7));
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var command = await CommandAsync(_sql.CreateOnly, recordId, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(Jsonb(SessionDataFormat.Encode(record.Values))); // $2
        command.Parameters.Add(Timestamp(record.ExpiresAt)); // $3
        command.Parameters.Add(Timestamp(_time.GetUtcNow())); // $4
        command.Parameters.Add(NullableTimestamp(record.CreatedAt)); // $5
        command.Parameters.Add(NullableTimestamp(record.LastSavedAt)); // $6
        command.Parameters.Add(NullableText(record.UserId)); // $7
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SessionRecordFormat.CurrentVersion }); // $8
        command.Parameters.Add(NullableText(record.UserAgent)); // $9
        command.Parameters.Add(NullableText(record.RemoteAddress)); // $10
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? SessionWriteResult.Written : SessionWriteResult.IdTaken;
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var expected = changes.ExpectedValues;
        int updated;
        var sql = expected is null ? _sql.Merge : _sql.MergeIfExpected(expected.Count);
        await using (var command = await CommandAsync(sql, recordId, cancellationToken).ConfigureAwait(false))
        {
            command.Parameters.Add(Timestamp(_time.GetUtcNow())); // $2
            command.Parameters.Add(TextArray([.. changes.Removed])); // $3
            command.Parameters.Add(Jsonb(SessionDataFormat.Encode(changes.Changed))); // $4
            command.Parameters.Add(Timestamp(changes.ExpiresAt)); // $5
            command.Parameters.Add(NullableTimestamp(changes.SavedAt)); // $6
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = SessionRecordFormat.CurrentVersion }); // $7
            command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = changes.UserIdChanged }); // $8
            command.Parameters.Add(NullableText(changes.UserId)); // $9
            if (expected is not null)
            {
                var keys = new string[expected.Count];
                var values = new string?[expected.Count];
                var i = 0;
                foreach (var (key, json) in expected)
                {
                    (keys[i], values[i]) = (key, json);
                    i++;
                }

                command.Parameters.Add(TextArray(keys)); // $10
                command.Parameters.Add(JsonbArray(values)); // $11, null: expected absent
            }

            updated = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (updated == 1)
        {
            return SessionWriteResult.Written;
        }

        if (expected is null)
        {
            return SessionWriteResult.NotFound;
        }

        // Nothing was written; only now does it matter why. The row cannot come back once gone, so asking afterwards
        // tells a record that is there but holds other values (conflict) from one that is gone.
        await using var exists = await CommandAsync(_sql.ExistsMergeable, recordId, cancellationToken).ConfigureAwait(false);
        exists.Parameters.Add(Timestamp(_time.GetUtcNow()));
        return await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true
            ? SessionWriteResult.Conflict
            : SessionWriteResult.NotFound;
    }

    /// <inheritdoc />
    public async ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(_sql.Touch, recordId, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(Timestamp(_time.GetUtcNow())); // $2
        command.Parameters.Add(Timestamp(expiresAt)); // $3
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? SessionWriteResult.Written : SessionWriteResult.NotFound;
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(_sql.Delete, recordId, cancellationToken).ConfigureAwait(false);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        await _table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(_sql.DeleteExpired);
        command.Parameters.Add(Timestamp(_time.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The deleted rows come back from the <c>DELETE</c> itself (<c>RETURNING</c>): when several instances purge at once,
    /// a row another one deleted first is skipped, so each is counted and reported once. <paramref name="onExpired"/>
    /// hears of them after the statement has committed.
    /// </remarks>
    async ValueTask<int> ISessionPurgeReporting.ClearExpiredAsync(Func<ExpiredSession, ValueTask> onExpired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onExpired);
        await _table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var expired = new List<ExpiredSession>();
        await using (var command = _dataSource.CreateCommand(_sql.DeleteExpiredReturning))
        {
            command.Parameters.Add(Timestamp(_time.GetUtcNow()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                expired.Add(new ExpiredSession(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
            }
        }

        foreach (var session in expired)
        {
            await onExpired(session).ConfigureAwait(false);
        }

        return expired.Count;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Pages of 500 rows in record id order, each one statement on a pooled connection that is given back before the
    /// page is handed out: a slow consumer holds no connection and no transaction. A row whose times cannot be read is
    /// left out and counted in a warning.
    /// </remarks>
    public async IAsyncEnumerable<SessionInfo> ListUserSessionsAsync(string userId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var after = string.Empty;
        while (true)
        {
            var (sessions, rows, lastKey) = await ReadUserPageAsync(userId, after, cancellationToken).ConfigureAwait(false);
            foreach (var session in sessions)
            {
                yield return session;
            }

            if (rows < PostgreSqlSessionSql.UserPageSize || lastKey is null)
            {
                yield break;
            }

            after = lastKey;
        }
    }

    /// <inheritdoc />
    public async ValueTask<SessionRevokeResult> RevokeAsync(string recordId, CancellationToken cancellationToken = default)
    {
        await using var command = await CommandAsync(_sql.Revoke, recordId, cancellationToken).ConfigureAwait(false);
        command.Parameters.Add(Timestamp(_time.GetUtcNow())); // $2
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new SessionRevokeResult(Revoked: true, reader.IsDBNull(0) ? null : reader.GetString(0))
            : SessionRevokeResult.NotFound;
    }

    /// <summary>Disposes the data source if the store built it from a connection string; a shared one is left alone.</summary>
    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;

    /// <summary>Disposes the data source if the store built it from a connection string; a shared one is left alone.</summary>
    public void Dispose()
    {
        if (_ownsDataSource)
        {
            _dataSource.Dispose();
        }
    }

    private static NpgsqlDataSource BuildDataSource(PostgreSqlSessionRecordStoreOptions options, ILoggerFactory loggerFactory)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new OptionsValidationException(
                Options.DefaultName,
                typeof(PostgreSqlSessionRecordStoreOptions),
                ["PostgreSqlSessionRecordStoreOptions.ConnectionString must be set when no NpgsqlDataSource is given."]);
        }

        return new NpgsqlDataSourceBuilder(options.ConnectionString).UseLoggerFactory(loggerFactory).Build();
    }

    private async ValueTask<(List<SessionInfo> Sessions, int Rows, string? LastKey)> ReadUserPageAsync(
        string userId, string after, CancellationToken cancellationToken)
    {
        await _table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var sessions = new List<SessionInfo>();
        var rows = 0;
        string? lastKey = null;
        await using (var command = _dataSource.CreateCommand(_sql.ListUserPage))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = userId }); // $1
            command.Parameters.Add(Timestamp(_time.GetUtcNow())); // $2
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = after }); // $3
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows++;
                lastKey = reader.GetString(0);

                // Times as PostgreSQL's raw microseconds, as a load reads them.
                if (PostgreSqlStoredRecord.ReadInfo(
                    userId,
                    lastKey,
                    reader.GetFieldValue<long>(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<long>(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<long>(3),
                    reader.GetInt32(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6)) is { } info)
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

    // Commands on the data source take a pooled connection for one execution and give it back when disposed. The id is
    // always $1.
    private async ValueTask<NpgsqlCommand> CommandAsync(string sql, string recordId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        await _table.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StoredRecordId.From(recordId) });
        return command;
    }

    // timestamptz takes UTC only (Npgsql rejects other offsets); the instant is what matters.
    private static NpgsqlParameter<DateTimeOffset> Timestamp(DateTimeOffset value) => new() { TypedValue = value.ToUniversalTime() };

    private static NpgsqlParameter NullableTimestamp(DateTimeOffset? value)
        => new() { Value = value is { } instant ? instant.ToUniversalTime() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };

    private static NpgsqlParameter NullableText(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter<string> Jsonb(string json) => new() { TypedValue = json, NpgsqlDbType = NpgsqlDbType.Jsonb };

    private static NpgsqlParameter<string[]> TextArray(string[] values)
        => new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static NpgsqlParameter<string?[]> JsonbArray(string?[] values)
        => new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb };
}
