using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TypedSessions.PostgreSql;

/// <summary>
/// Makes sure the session table is ready before the store's first statement, once per store: created when missing
/// (only when <see cref="PostgreSqlSessionRecordStoreOptions.CreateTableIfMissing"/> is set), and given the metadata
/// columns and the user index when it was created by an earlier version.
/// </summary>
internal sealed class PostgreSqlSessionTable(NpgsqlDataSource dataSource, PostgreSqlSessionSql sql, bool createIfMissing, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public ValueTask EnsureCreatedAsync(CancellationToken cancellationToken)
        => _ready ? ValueTask.CompletedTask : new ValueTask(PrepareAsync(cancellationToken));

    // A failure (server down, no privilege) leaves the flag unset, so the next call tries again.
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

            // CREATE TABLE IF NOT EXISTS needs the CREATE privilege even when the table exists: look first, so that a
            // user who may only read and write an up-to-date table still works.
            if (await TableExistsAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                Log.SessionTableFound(logger, sql.Table);
                await UpgradeAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            else if (createIfMissing)
            {
                await ChangeSchemaAsync(connection, [sql.CreateTable, sql.CreateIndex, sql.CreateUserIndex], cancellationToken).ConfigureAwait(false);
                Log.SessionTableCreated(logger, sql.Table);
            }

            _ready = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    // A table from an earlier version keeps its rows, which read the new columns as NULL. Only its owner may add them:
    // anyone else gets an error that says what to run, rather than every statement failing on a missing column. A
    // missing user index breaks nothing but the speed of listing a user's sessions, so without it the store warns and
    // goes on.
    private async Task UpgradeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var (missingColumns, hasUserIndex) = await InspectAsync(connection, cancellationToken).ConfigureAwait(false);
        if (missingColumns == 0 && hasUserIndex)
        {
            return;
        }

        if (!createIfMissing)
        {
            if (missingColumns > 0)
            {
                throw OutdatedTable(innerException: null);
            }

            Log.UserIndexMissing(logger, sql.Table);
            return;
        }

        try
        {
            // The index after the columns: a table from before user_id has none to index until then.
            await ChangeSchemaAsync(
                connection, missingColumns > 0 ? [.. sql.AddMetadataColumns, sql.CreateUserIndex] : [sql.CreateUserIndex], cancellationToken).ConfigureAwait(false);
            if (missingColumns > 0)
            {
                Log.MetadataColumnsAdded(logger, sql.Table);
            }

            if (!hasUserIndex)
            {
                Log.UserIndexCreated(logger, sql.Table);
            }
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            if (missingColumns > 0)
            {
                throw OutdatedTable(exception);
            }

            Log.UserIndexMissing(logger, sql.Table);
        }
    }

    private InvalidOperationException OutdatedTable(Exception? innerException) => new(
        $"The session table {sql.Table} was created by an earlier version of TypedSessions and lacks the metadata columns " +
        $"({string.Join(", ", PostgreSqlSessionSql.MetadataColumns.Select(column => column.Name))}). Run the upgrade lines " +
        "(ALTER TABLE … ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS) of docs/sql/postgresql.sql as the table's " +
        "owner, or let the store do it with CreateTableIfMissing and an owner's connection.",
        innerException);

    private async Task<bool> TableExistsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgreSqlSessionSql.TableExists, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sql.Table });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    private async Task<(long MissingColumns, bool HasUserIndex)> InspectAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(PostgreSqlSessionSql.InspectTable, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sql.Table });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetInt64(0), reader.GetBoolean(1)) : (0, true);
    }

    // IF NOT EXISTS alone races: two servers starting together can both find no table (or no column), and one then
    // fails on a catalog unique index. An advisory lock held to the end of the transaction makes them take turns; a
    // session-level lock would outlive the transaction on a server connection PgBouncer then lends to someone else.
    private async Task ChangeSchemaAsync(NpgsqlConnection connection, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var lockStatement = new NpgsqlBatchCommand(PostgreSqlSessionSql.LockSchemaCreation);
            lockStatement.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockKey(sql.Table) });
            batch.BatchCommands.Add(lockStatement);
            foreach (var statement in statements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static long LockKey(string table)
        => BinaryPrimitives.ReadInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes("TypedSessions.PostgreSql:" + table)));
}
