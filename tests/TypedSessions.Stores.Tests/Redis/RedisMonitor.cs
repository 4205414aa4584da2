using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// Records every command the test server runs, with its arguments, through <c>MONITOR</c> on a raw connection:
/// commands sent by clients and, marked <see cref="MonitoredCommand.FromScript"/>, those a Lua script ran.
/// </summary>
internal sealed class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly RedisServerFixture _redis;

    private RedisMonitor(RedisServerFixture redis, TcpClient client, StreamReader reader)
    {
        _redis = redis;
        _client = client;
        _reader = reader;
    }

    public static async Task<RedisMonitor> StartAsync(RedisServerFixture redis)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, redis.Port);
        var stream = client.GetStream();
        await stream.WriteAsync("MONITOR\r\n"u8.ToArray());
        var reader = new StreamReader(stream, Encoding.Latin1);
        var ok = await reader.ReadLineAsync();
        Assert.Equal("+OK", ok);
        return new RedisMonitor(redis, client, reader);
    }

    /// <summary>Everything run since the start (or the previous call), up to a marker this call sends.</summary>
    public async Task<IReadOnlyList<MonitoredCommand>> CollectAsync()
    {
        var marker = $"monitor-marker-{Guid.NewGuid():N}";
        await _redis.Multiplexer.GetDatabase().ExecuteAsync("ECHO", marker);
        var commands = new List<MonitoredCommand>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _reader.ReadLineAsync(timeout.Token) is { } line)
        {
            var command = MonitoredCommand.Parse(line);
            if (command.Name == "echo" && command.Arguments is [var text] && text == marker)
            {
                return commands;
            }

            commands.Add(command);
        }

        throw new InvalidOperationException("MONITOR connection closed.");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
