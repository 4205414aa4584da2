using Npgsql;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>The fault tests on PostgreSQL, through the store's own pooled data source (<c>AddPostgreSqlStore(connectionString)</c>).</summary>
public sealed class PostgreSqlFaultTests(ControllablePostgreSqlServer postgres, ITestOutputHelper output)
    : StoreFaultTests(postgres, output), IClassFixture<ControllablePostgreSqlServer>
{
    // Commits survive an immediate shutdown and the crash recovery that follows.
    protected override bool CommittedDataSurvivesRestart => true;

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddPostgreSqlStore(postgres.ConnectionString);

    // EXCLUSIVE mode holds inserts, updates and deletes on the sessions table and lets reads through, until the
    // transaction ends (with the connection, or with the server).
    protected override async Task<IAsyncDisposable> HoldWritesAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();

        // Not disposed here: the lock lasts as long as the transaction, which ends with the connection.
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(
            $"LOCK TABLE \"{PostgreSqlSessionRecordStoreOptions.DefaultTableName}\" IN EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return connection;
    }
}
