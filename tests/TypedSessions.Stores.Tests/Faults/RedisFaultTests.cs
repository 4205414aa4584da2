using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>The fault tests on Redis, through the store's own connection (<c>AddRedisStore(configuration)</c>).</summary>
public sealed class RedisFaultTests(ControllableRedisServer redis, ITestOutputHelper output)
    : StoreFaultTests(redis, output), IClassFixture<ControllableRedisServer>
{
    // Persistence is off: a restarted redis-server starts empty, as a crashed cache does.
    protected override bool CommittedDataSurvivesRestart => false;

    protected override void AddStore(TypedSessionsBuilder sessions) => sessions.AddRedisStore(redis.Configuration);

    // CLIENT PAUSE WRITE holds every script (the store's creates and updates) and lets reads through; it ends on its own
    // after a few seconds should the test fail before it stops the server.
    protected override async Task<IAsyncDisposable> HoldWritesAsync()
    {
        var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},allowAdmin=true");
        var server = admin.GetServer(redis.Configuration);
        await server.ExecuteAsync("CLIENT", "PAUSE", "5000", "WRITE");
        return new AsyncDisposable(async () =>
        {
            try
            {
                if (redis.State is ControllableServerState.Running)
                {
                    await server.ExecuteAsync("CLIENT", "UNPAUSE");
                }
            }
            finally
            {
                await admin.CloseAsync(allowCommandsToComplete: false);
                await admin.DisposeAsync();
            }
        });
    }
}
