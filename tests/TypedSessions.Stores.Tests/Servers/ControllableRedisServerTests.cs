using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Infrastructure;

namespace TypedSessions.Stores.Tests.Servers;

/// <summary>What pausing, stopping and restarting the controllable redis-server does to a real StackExchange.Redis client.</summary>
public sealed class ControllableRedisServerTests(ControllableRedisServer redis) : IClassFixture<ControllableRedisServer>, IAsyncLifetime
{
    private static readonly TimeSpan ReconnectTimeout = TimeSpan.FromSeconds(10);

    public Task InitializeAsync() => redis.EnsureRunningAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [SkippableFact]
    public async Task A_paused_server_lets_commands_time_out_and_answers_again_once_resumed()
    {
        await using var client = await ConnectAsync();
        var database = client.GetDatabase();
        await database.PingAsync();

        await redis.PauseAsync();

        Assert.Equal(ControllableServerState.Paused, redis.State);
        Assert.True(ProcessTree.IsStopped(redis.ProcessId!.Value));
        await Assert.ThrowsAsync<RedisTimeoutException>(() => database.PingAsync());

        await redis.ResumeAsync();

        Assert.False(ProcessTree.IsStopped(redis.ProcessId!.Value));
        await database.PingAsync();
    }

    [SkippableFact]
    public async Task A_stopped_server_refuses_connections_and_a_restart_on_the_same_port_lets_the_client_reconnect()
    {
        await using var client = await ConnectAsync();
        var database = client.GetDatabase();
        await database.StringSetAsync("before-restart", "value");
        var port = redis.Port;
        var process = redis.ProcessId!.Value;

        await redis.StopAsync();

        Assert.False(ProcessTree.IsAlive(process));
        var refused = await Assert.ThrowsAsync<SocketException>(() => new TcpClient().ConnectAsync(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        await redis.RestartAsync();

        Assert.Equal(port, redis.Port);
        await Eventually.SucceedsAsync(() => database.PingAsync(), ReconnectTimeout);
        Assert.False(await database.KeyExistsAsync("before-restart"), "No persistence: a restarted server starts empty.");
    }

    [SkippableFact]
    public async Task Stopping_a_paused_server_thaws_it_first_and_ensure_running_brings_it_back()
    {
        await redis.PauseAsync();
        var process = redis.ProcessId!.Value;

        await redis.StopAsync();

        Assert.False(ProcessTree.IsAlive(process));
        Assert.Null(redis.ProcessId);

        await redis.EnsureRunningAsync();

        Assert.Equal(ControllableServerState.Running, redis.State);
        await using var client = await ConnectAsync();
        await client.GetDatabase().PingAsync();
    }

    [SkippableFact]
    public async Task Ensure_running_resumes_a_paused_server()
    {
        await redis.PauseAsync();

        await redis.EnsureRunningAsync();

        Assert.Equal(ControllableServerState.Running, redis.State);
        Assert.False(ProcessTree.IsStopped(redis.ProcessId!.Value));
    }

    private Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(redis.Configuration);
        options.AsyncTimeout = 500;
        options.SyncTimeout = 500;
        options.AbortOnConnectFail = false;

        // Reconnects within a tenth of a second of a restart instead of the default backoff of seconds.
        options.ReconnectRetryPolicy = new LinearRetry(100);
        return ConnectionMultiplexer.ConnectAsync(options);
    }
}
