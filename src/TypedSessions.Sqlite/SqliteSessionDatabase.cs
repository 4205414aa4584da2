using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace TypedSessions.Sqlite;

/// <summary>
/// Opens connections ready for the store: busy timeout set, and the table and its indexes created or brought up to
/// date (once per store) before the first statement runs. Connections are pooled by Microsoft.Data.Sqlite, so one per
/// operation is cheap.
/// </summary>
internal sealed class SqliteSessionDatabase(SqliteSessionRecordStoreOptions options, SqliteSessionSql sql, ILogger logger)
{
    private readonly string _connectionString = options.ConnectionString;
    private readonly string _tableName = options.TableName;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public async ValueTask<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, sql.ConfigureConnection, cancellationToken).ConfigureAwait(false);
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Once per store, and a failure (disk full, read-only file) leaves the flag unset, so the next call tries again.
    private async ValueTask EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            string journalMode;
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = SqliteSessionSql.EnableWal;
                journalMode = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string ?? "unknown";
            }

            await ExecuteAsync(connection, sql.CreateSchema, cancellationToken).ConfigureAwait(false);
            await AddMissingColumnsAsync(connection, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, sql.CreateUserIndex, cancellationToken).ConfigureAwait(false);
            _schemaReady = true;
            Log.SessionTableReady(logger, _tableName, journalMode);
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    // A table from before the metadata columns keeps its rows; they read the new columns as NULL. Another process may
    // add a column between the check and the ALTER, which then fails with "duplicate column": that is the same result.
    private async ValueTask AddMissingColumnsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql.ColumnNames;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var (name, _) in SqliteSessionSql.MetadataColumns.Where(column => !existing.Contains(column.Name)))
        {
            try
            {
                await ExecuteAsync(connection, sql.AddColumn(name), cancellationToken).ConfigureAwait(false);
                Log.ColumnAdded(logger, _tableName, name);
            }
            catch (SqliteException exception) when (exception.Message.Contains("duplicate column", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private static async ValueTask ExecuteAsync(SqliteConnection connection, string text, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
