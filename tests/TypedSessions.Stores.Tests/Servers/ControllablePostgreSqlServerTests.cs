using System.Net.Sockets;
using Npgsql;
using TypedSessions.Stores.Tests.Infrastructure;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>What pausing, stopping and restarting the controllable PostgreSQL server does to real Npgsql connections.</summary>
public sealed class ControllablePostgreSqlServerTests(ControllablePostgreSqlServer postgres)
    : IClassFixture<ControllablePostgreSqlServer>, IAsyncLifetime
{
    public Task InitializeAsync() => postgres.EnsureRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task A_paused_server_hangs_open_connections_and_new_ones_until_resumed()
    {
        await using var open = await OpenAsync();
        Assert.Equal(1, await SelectOneAsync(open));

        await postgres.PauseAsync();

        Assert.All(postgres.ProcessIds, id => Assert.True(ProcessTree.IsStopped(id), $"process {id} is not stopped"));

        // The backend of the open connection is frozen, and so is the postmaster, which would otherwise fork a backend
        // for a new connection. Both wait at once: each takes Npgsql a second or more to give up.
        var query = Assert.ThrowsAsync<NpgsqlException>(() => SelectOneAsync(open));
        var connect = Assert.ThrowsAsync<NpgsqlException>(() => OpenAsync());
        Assert.IsType<TimeoutException>((await query).InnerException);
        Assert.IsType<TimeoutException>((await connect).InnerException);

        await postgres.ResumeAsync();

        await using var fresh = await Eventually.SucceedsAsync(OpenAsync, TimeSpan.FromSeconds(10));
        Assert.Equal(1, await SelectOneAsync(fresh));
    }

    [SkippableFact]
    public async Task A_stopped_server_refuses_connections_and_a_restart_on_the_same_port_keeps_its_data()
    {
        await using (var connection = await OpenAsync())
        {
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS survives_restart (id int); INSERT INTO survives_restart VALUES (1)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var port = postgres.Port;

        await postgres.StopAsync();

        // On a loaded machine the last backends may still answer "shutting down" for a moment before the port refuses.
        await Eventually.SucceedsAsync(
            async () =>
            {
                var refused = await Assert.ThrowsAsync<NpgsqlException>(() => OpenAsync());
                Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused.InnerException).SocketErrorCode);
            },
            TimeSpan.FromSeconds(5));

        await postgres.RestartAsync();

        Assert.Equal(port, postgres.Port);

        // The first connection to a server just started can outlast the one-second connect timeout on a loaded machine.
        await using var reconnected = await Eventually.SucceedsAsync(OpenAsync, TimeSpan.FromSeconds(10));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM survives_restart", reconnected);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 1);
    }

    [SkippableFact]
    public async Task Stopping_a_paused_server_thaws_and_stops_all_its_processes()
    {
        await using (var connection = await OpenAsync())
        {
            await postgres.PauseAsync();
        }

        var processes = postgres.ProcessIds;
        Assert.True(processes.Count > 1, "the postmaster and its children");

        await postgres.StopAsync();

        Assert.All(processes, id => Assert.False(ProcessTree.IsAlive(id), $"process {id} is still alive"));
    }

    // No pool, so each open really connects; short timeouts, and no waiting on a cancellation request a frozen server never answers.
    private async Task<NpgsqlConnection> OpenAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString)
        {
            Pooling = false,
            Timeout = 1,
            CommandTimeout = 1,
            CancellationTimeout = -1,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<int> SelectOneAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
