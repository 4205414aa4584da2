using Npgsql;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PgBouncer;

/// <summary>That the fixture's PgBouncer really pools by transaction: without it the tests behind it would prove nothing.</summary>
[Collection(PgBouncerCollection.Name)]
public sealed class PgBouncerFixtureTests(PgBouncerFixture bouncer)
{
    private const int Clients = 10;

    [SkippableFact]
    public async Task Many_open_client_connections_share_the_few_server_connections()
    {
        bouncer.EnsureAvailable();
        var connections = new List<NpgsqlConnection>();
        try
        {
            for (var i = 0; i < Clients; i++)
            {
                connections.Add(await bouncer.DataSource.OpenConnectionAsync());
            }

            // All open at once, yet each statement (its own transaction) runs on one of PoolSize server processes.
            var backends = new HashSet<int>();
            foreach (var connection in connections)
            {
                await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
                backends.Add((int)(await command.ExecuteScalarAsync())!);
            }

            Assert.InRange(backends.Count, 1, PgBouncerFixture.PoolSize);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task Session_state_does_not_follow_a_client_connection_from_one_transaction_to_the_next()
    {
        bouncer.EnsureAvailable();

        // Two client connections take turns on the server connections, so a SET on one is seen by the other sooner or
        // later. A setting of no meaning to anyone: PgBouncer restores the ones it tracks (application_name, TimeZone…).
        // The data source does not reset a connection taken from its pool (No Reset On Close): Npgsql's reset, a DISCARD
        // ALL sent ahead of the first statement, would wipe the setting on whichever server connection it landed.
        var marker = Guid.NewGuid().ToString("N");
        await using var first = await bouncer.DataSource.OpenConnectionAsync();
        await using var second = await bouncer.DataSource.OpenConnectionAsync();
        await using (var set = new NpgsqlCommand($"SET typed_sessions_tests.marker = '{marker}'", first))
        {
            await set.ExecuteNonQueryAsync();
        }

        var seenBySecond = false;
        for (var i = 0; i < 20 && !seenBySecond; i++)
        {
            await using var show = new NpgsqlCommand("SELECT current_setting('typed_sessions_tests.marker', true)", second);
            seenBySecond = await show.ExecuteScalarAsync() as string == marker;
        }

        Assert.True(seenBySecond, "a session SET stayed with its client connection: PgBouncer is not pooling by transaction");
    }
}
