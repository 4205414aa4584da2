using Microsoft.Extensions.Options;
using Npgsql;
using TypedSessions.PostgreSql;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.PgBouncer;

/// <summary>
/// Many more clients than PgBouncer has server connections, on several store instances (as several app servers would
/// be), all saving into one table through PgBouncer in transaction pooling mode.
/// </summary>
[Collection(PgBouncerCollection.Name)]
public sealed class PgBouncerConcurrencyTests(PgBouncerFixture bouncer, ITestOutputHelper output)
{
    private const int Instances = 3;
    private const int Clients = 30;
    private const int Rounds = 5;

    // With or without Npgsql's pool reset (DISCARD ALL): skipping it is recommended, not required.
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Many_clients_through_PgBouncer_see_no_error_and_lose_no_write(bool noResetOnClose)
    {
        bouncer.EnsureAvailable();
        var stores = CreateStores(new NpgsqlConnectionStringBuilder(bouncer.ConnectionString) { NoResetOnClose = noResetOnClose }.ConnectionString);
        try
        {
            var workload = new SharedSessionWorkload(stores, Clients, Rounds);

            await RunAsync(workload);

            await workload.VerifyAsync();
            Assert.True(workload.Conflicts > 0, "no optimistic save ever lost a race: the clients did not really run at once");
        }
        finally
        {
            await DisposeAsync(stores);
        }
    }

    [SkippableFact]
    public async Task Npgsql_automatic_preparation_breaks_behind_PgBouncer()
    {
        bouncer.EnsureAvailable();
        var stores = CreateStores(WithAutomaticPreparation(bouncer.ConnectionString));
        try
        {
            var workload = new SharedSessionWorkload(stores, Clients, Rounds);

            await Assert.ThrowsAnyAsync<Exception>(workload.RunAsync);

            // A statement prepared on one server connection is looked for on another, or prepared again on one that
            // already has it from another client connection.
            foreach (var message in workload.Failures.Select(failure => failure.Message).Distinct().Take(5))
            {
                output.WriteLine(message);
            }

            Assert.Contains(
                workload.Failures,
                failure => failure is PostgresException { SqlState: PostgresErrorCodes.InvalidSqlStatementName or PostgresErrorCodes.DuplicatePreparedStatement });
        }
        finally
        {
            await DisposeAsync(stores);
        }
    }

    [SkippableFact]
    public async Task Npgsql_automatic_preparation_works_directly_against_PostgreSQL()
    {
        bouncer.EnsureAvailable();
        var stores = CreateStores(WithAutomaticPreparation(bouncer.Postgres.ConnectionString));
        try
        {
            var workload = new SharedSessionWorkload(stores, Clients, Rounds);

            await RunAsync(workload);

            await workload.VerifyAsync();
        }
        finally
        {
            await DisposeAsync(stores);
        }
    }

    // Prepares a statement from its second use on: every statement of the workload is used more often than that.
    private static string WithAutomaticPreparation(string connectionString)
        => new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString;

    // Each instance over a data source of its own built from the connection string, as separate app servers have.
    private static List<PostgreSqlSessionRecordStore> CreateStores(string connectionString)
    {
        var table = PostgreSqlServerFixture.NewTableName();
        return [.. Enumerable.Range(0, Instances).Select(_ => new PostgreSqlSessionRecordStore(
            Options.Create(new PostgreSqlSessionRecordStoreOptions { ConnectionString = connectionString, TableName = table }),
            TimeProvider.System,
            loggerFactory: null))];
    }

    // Reports every client's error, not only the first.
    private async Task RunAsync(SharedSessionWorkload workload)
    {
        try
        {
            await workload.RunAsync();
        }
        catch
        {
            foreach (var failure in workload.Failures)
            {
                output.WriteLine(failure.ToString());
            }

            throw;
        }
    }

    private static async Task DisposeAsync(List<PostgreSqlSessionRecordStore> stores)
    {
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }
}
