using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>
/// The cookie store on two instances whose one Data Protection key ring lives in Redis
/// (<c>PersistKeysToStackExchangeRedis</c>, one key, each instance over a connection of its own): a cookie sealed by
/// either instance opens on the other.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisKeyRingCookieStoreTests(RedisServerFixture redis, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly RedisKey _keyRing = $"{RedisServerFixture.NewPrefix()}DataProtection-Keys";
    private readonly List<ConnectionMultiplexer> _connections = [];
    private AppInstances? _instances;

    [SkippableFact]
    public async Task A_cookie_sealed_on_one_instance_opens_on_the_other_when_they_share_a_key_ring_in_Redis()
    {
        redis.EnsureAvailable();
        _instances = await AppInstances.StartAsync(2, (sessions, _) => sessions.AddCookieStore(), configureServices: (services, _) =>
        {
            var connection = ConnectionMultiplexer.Connect(redis.Configuration);
            lock (_connections)
            {
                _connections.Add(connection);
            }

            services.AddDataProtection().PersistKeysToStackExchangeRedis(connection, _keyRing);
        });
        using var browser = _instances.NewBrowser();

        var read = await CookieStoreKeyRing.WriteOnEachReadOnTheOtherAsync(browser);

        Assert.Equal([["a"], ["a", "b"]], read);
        Assert.Equal(1, await redis.Multiplexer.GetDatabase().ListLengthAsync(_keyRing));
        Assert.All(_instances.Logs, logs => Assert.DoesNotContain(logs.GetSnapshot(), log => log.Id.Name == CookieStoreKeyRing.UnsealedEvent));
        Assert.Empty(_instances.KeyRing.GetFiles());
        output.WriteLine("MultiInstance | Cookie (key ring in Redis) | cookie read across instances | 2/2 cookies (one sealed on each instance) read on the other; 1 key in the ring");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_instances is not null)
        {
            await _instances.DisposeAsync();
        }

        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }
}
