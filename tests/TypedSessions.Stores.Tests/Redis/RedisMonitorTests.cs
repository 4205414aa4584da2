using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// The monitor the cost tests count with: watching one named client, it sees that client's commands and what its
/// scripts ran, and nothing another connection sends meanwhile.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisMonitorTests(RedisServerFixture redis)
{
    private const string Script = "redis.call('set', KEYS[1], ARGV[1]); return redis.call('get', KEYS[1])";

    [SkippableFact]
    public async Task A_named_client_is_counted_with_its_scripts_and_another_client_is_not()
    {
        redis.EnsureAvailable();
        var name = $"ts-watched-{Guid.NewGuid():N}";
        await using var watched = await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},name={name}");
        var other = redis.Multiplexer.GetDatabase();
        await using var monitor = await RedisMonitor.StartAsync(redis, name);

        await other.StringSetAsync("monitor-test:other", "1");
        await watched.GetDatabase().ScriptEvaluateAsync(Script, ["monitor-test:watched"], ["2"]);
        await other.ScriptEvaluateAsync(Script, ["monitor-test:other"], ["3"]);
        await watched.GetDatabase().StringGetAsync("monitor-test:watched");

        var commands = await monitor.CollectAsync();

        Assert.Equal(
            // StackExchange.Redis loads a script on a fresh connection before it runs it.
            ["script LOAD", "eval monitor-test:watched", "[lua] set monitor-test:watched 2", "[lua] get monitor-test:watched", "get monitor-test:watched"],
            commands.Select(command => command.FromScript ? $"[lua] {command.Name} {string.Join(' ', command.Arguments)}" : $"{command.Name} {KeyOf(command)}"));
    }

    // EVAL's arguments are the script, the key count, then the keys.
    private static string KeyOf(MonitoredCommand command) => command.Name is "eval" or "evalsha" ? command.Arguments[2] : command.Arguments[0];
}
