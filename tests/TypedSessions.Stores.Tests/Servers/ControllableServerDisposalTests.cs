using Npgsql;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>Disposing a controllable server leaves nothing behind, not even when it is paused: no process, no folder.</summary>
public sealed class ControllableServerDisposalTests
{
    [SkippableFact]
    public async Task Disposing_a_paused_redis_server_kills_it_and_deletes_its_folder()
    {
        await using var redis = new ControllableRedisServer();
        await redis.StartAsync();
        await redis.PauseAsync();
        var processes = redis.ProcessIds;
        var directory = redis.TempDirectory!;

        await redis.DisposeAsync();

        AssertGone(processes, directory);
        Assert.Equal(ControllableServerState.Disposed, redis.State);
    }

    [SkippableFact]
    public async Task Disposing_a_paused_postgresql_server_stops_every_process_and_deletes_its_folder()
    {
        await using var postgres = new ControllablePostgreSqlServer();
        await postgres.StartAsync();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await postgres.PauseAsync();
        var processes = postgres.ProcessIds;
        var directory = postgres.TempDirectory!;

        await postgres.DisposeAsync();

        AssertGone(processes, directory);
    }

    private static void AssertGone(IReadOnlyList<int> processes, string directory)
    {
        Assert.NotEmpty(processes);
        Assert.All(processes, id => Assert.False(ProcessTree.IsAlive(id), $"process {id} is still alive"));
        Assert.False(Directory.Exists(directory), $"{directory} is still there");
    }
}
