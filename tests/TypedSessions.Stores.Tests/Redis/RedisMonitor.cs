using System.Net;
using System.Net.Sockets;
using System.Text;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// Records the commands the test server runs, with their arguments, through <c>MONITOR</c> on a raw connection:
/// commands sent by clients and, marked <see cref="MonitoredCommand.FromScript"/>, those a Lua script ran. Watching
/// one named client keeps every other connection's traffic (the measurement's own, a multiplexer's heartbeat) out.
/// </summary>
internal sealed class RedisMonitor : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly RedisServerFixture _redis;
    private readonly string? _clientName;

    private RedisMonitor(RedisServerFixture redis, TcpClient client, StreamReader reader, string? clientName)
    {
        _redis = redis;
        _client = client;
        _reader = reader;
        _clientName = clientName;
    }

    /// <summary>
    /// Starts monitoring every client, or only the connections named <paramref name="clientName"/> (<c>name=</c> in
    /// their configuration) and the commands their scripts run.
    /// </summary>
    public static async Task<RedisMonitor> StartAsync(RedisServerFixture redis, string? clientName = null)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, redis.Port);
        var stream = client.GetStream();
        await stream.WriteAsync("MONITOR\r\n"u8.ToArray());
        var reader = new StreamReader(stream, Encoding.Latin1);
        var ok = await reader.ReadLineAsync();
        Assert.Equal("+OK", ok);
        return new RedisMonitor(redis, client, reader, clientName);
    }

    /// <summary>Everything run since the start (or the previous call), up to a marker this call sends.</summary>
    public async Task<IReadOnlyList<MonitoredCommand>> CollectAsync()
    {
        var watched = _clientName is null ? null : await AddressesOfAsync(_clientName);
        var marker = $"monitor-marker-{Guid.NewGuid():N}";
        await _redis.Multiplexer.GetDatabase().ExecuteAsync("ECHO", marker);
        var commands = new List<MonitoredCommand>();
        var lastSentByWatched = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await _reader.ReadLineAsync(timeout.Token) is { } line)
        {
            var command = MonitoredCommand.Parse(line);
            if (command.Name == "echo" && command.Arguments is [var text] && text == marker)
            {
                return commands;
            }

            // A script's commands follow, uninterrupted, the EVALSHA that ran them: they belong to its sender.
            if (!command.FromScript)
            {
                lastSentByWatched = watched?.Contains(command.Client) ?? true;
            }

            if (lastSentByWatched)
            {
                commands.Add(command);
            }
        }

        throw new InvalidOperationException("MONITOR connection closed.");
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    // CLIENT LIST: one line per connection, "id=7 addr=127.0.0.1:47784 laddr=… name=app …".
    private async Task<HashSet<string>> AddressesOfAsync(string clientName)
    {
        var list = (string)(await _redis.Multiplexer.GetDatabase().ExecuteAsync("CLIENT", "LIST"))!;
        var addresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ').Select(field => field.Split('=', 2)).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
            if (fields.GetValueOrDefault("name") == clientName)
            {
                addresses.Add(fields["addr"]);
            }
        }

        Assert.True(addresses.Count > 0, $"No connection to the test server is named {clientName}.");
        return addresses;
    }
}
