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
        var marker = Guid.NewGuid().ToString("N");
        await using var first = await bouncer.DataSource.OpenConnectionAsync();
        await using var second = await bouncer.DataSource.OpenConnectionAsync();

        // Npgsql resets a connection taken from its pool with a DISCARD ALL sent ahead of its first statement, and that
        // would wipe the setting on whichever server connection it lands: let both resets go first.
        foreach (var connection in new[] { first, second })
        {
            await using var warmUp = new NpgsqlCommand("SELECT 1", connection);
            await warmUp.ExecuteScalarAsync();
        }

        await using (var set = new NpgsqlCommand($"SET typed_sessions_tests.marker = '{marker}'", first))
        {
            await set.ExecuteNonQueryAsync();
        }

        var seenBySecond = false;
        for (var i = 0; i < 20 && !seenBySecond; i++)
        {
            await using var show = new NpgsqlCommand("SELECT current_setting('typed_sessions_tests.marker', true)", second);
            seenBySecond = (string?)await show.ExecuteScalarAsync() == marker;
        }

        Assert.True(seenBySecond, "a session SET stayed with its client connection: PgBouncer is not pooling by transaction");
    }
}
