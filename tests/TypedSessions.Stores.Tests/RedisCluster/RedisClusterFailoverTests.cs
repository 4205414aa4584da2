using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TypedSessions.Engine;
using TypedSessions.Redis;
using TypedSessions.Stores.Tests.EndToEnd;
using TypedSessions.Stores.Tests.Faults;
using TypedSessions.Stores.Tests.Infrastructure;
using TypedSessions.Stores.Tests.Redis;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.RedisCluster;

/// <summary>
/// The session middleware on Kestrel over the Redis store on a cluster (its own connection, from a configuration string
/// naming the three primaries), under light load, when a primary dies (SIGKILL) and its replica takes over. Each
/// subclass has a cluster of its own, since the test leaves it with a primary short.
/// </summary>
/// <remarks>
/// With Redis's default <c>cluster-require-full-coverage yes</c>, every node refuses every command (<c>CLUSTERDOWN</c>)
/// from when the cluster marks the primary failed until its replica is promoted, so for that second or so all
/// sessions fail, not only the dead primary's; with <c>no</c>, the other primaries keep serving.
/// </remarks>
public abstract class RedisClusterFailoverTests(RedisClusterFixture cluster, ITestOutputHelper output, bool requireFullCoverage)
{
    private const int SessionClients = 12;
    private const int PingClients = 1;

    /// <summary>Short, so that a request for a session on the dead primary fails quickly.</summary>
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromSeconds(1);

    /// <summary>A response that takes longer fails the test as a hang rather than blocking it.</summary>
    private static readonly TimeSpan ReadTimeout = StoreTimeout + TimeSpan.FromSeconds(10);

    /// <summary>Generous bounds for what happens on its own schedule on a loaded machine; the test returns as soon as it holds.</summary>
    private static readonly TimeSpan PromotionTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Healthy load after the replica caught up and before the kill, and after recovery.</summary>
    private static readonly TimeSpan Healthy = TimeSpan.FromMilliseconds(500);

    [SkippableFact]
    public async Task When_a_primary_dies_its_sessions_answer_200_or_a_documented_503_until_its_replica_is_promoted_then_recover_and_lose_no_replicated_save()
    {
        cluster.EnsureAvailable();
        await cluster.ConfigureEveryNodeAsync("cluster-require-full-coverage", requireFullCoverage ? "yes" : "no");
        var logs = new FakeLogCollector();
        var prefix = RedisServerFixture.NewPrefix();
        await using var app = await KestrelTestApp.StartAsync(
            sessions => sessions.AddRedisStore(cluster.Configuration, o =>
            {
                o.KeyPrefix = prefix;
                o.UserIndexKeyPrefix = RedisServerFixture.NewUserIndexPrefix();
            }),
            FaultTestEndpoints.Map,
            new FakeLoggerProvider(logs),
            sessions => sessions.StoreTimeout = StoreTimeout,
            services => services.Configure<LoggerFilterOptions>(filters => filters.AddFilter("Microsoft", LogLevel.Warning)));
        await WarmUpAsync(app);
        var store = app.Services.GetRequiredService<RedisSessionRecordStore>();
        var topology = await cluster.TopologyAsync();

        var load = OutageLoad.Start(app, SessionClients, PingClients, ReadTimeout);
        TimeSpan killedAt, promotedAt, recoveredAt;
        int victim, replica;
        HashSet<int> victimClients;
        Dictionary<int, LoadResponse> confirmedBeforeReplication;
        try
        {
            await Eventually.SucceedsAsync(Check(() => Assert.True(load.EverySessionClientSucceededSince(TimeSpan.Zero))), RecoveryTimeout);

            // The victim holds sessions of some clients, and not the record the engine's store probe reads: with it
            // gone, the probe would find the whole store down and every session would answer 503 until the promotion
            // (as they all do when the cluster requires full coverage).
            var primaryOfClient = Enumerable.Range(0, SessionClients).ToDictionary(client => client, client => PrimaryOf(store, topology, load, client));
            var probePrimary = topology.PrimaryOf(RedisHashSlot.Of(store.KeyFor(new string('0', 64))!)).Port;
            victim = primaryOfClient.Values.Where(port => port != probePrimary).GroupBy(port => port).MaxBy(group => group.Count())!.Key;
            replica = Assert.Single(topology.ReplicasOf(topology.Primaries.Single(primary => primary.Port == victim))).Port;
            victimClients = [.. primaryOfClient.Where(pair => pair.Value == victim).Select(pair => pair.Key)];

            // What the clients had been told was saved before the replica is known to have it all.
            confirmedBeforeReplication = victimClients.ToDictionary(client => client, client => load.SessionResponsesOf(client).Last(response => response.StatusCode == 200));
            await cluster.WaitForReplicaAsync(victim);
            await Task.Delay(Healthy);

            killedAt = load.Now;
            cluster.Kill(victim);
            await cluster.WaitForPromotionAsync(replica, PromotionTimeout);
            promotedAt = load.Now;
            await Eventually.SucceedsAsync(Check(() => Assert.True(load.EverySessionClientSucceededSince(promotedAt))), RecoveryTimeout);
            recoveredAt = load.Now;
            await Task.Delay(Healthy);
        }
        catch
        {
            await StopQuietlyAsync(load);
            throw;
        }

        await load.StopAsync();
        var ok = load.AllSessionResponses.Where(response => response.StatusCode == 200 && response.SentAt >= killedAt).ToList();
        Report(load, victimClients, killedAt, promotedAt, recoveredAt, logs);

        foreach (var client in Enumerable.Range(0, SessionClients))
        {
            var responses = load.SessionResponsesOf(client);
            var history = CounterHistory.Of(responses);
            Assert.All(responses, response =>
            {
                if (response.StatusCode != 200)
                {
                    OutageResponses.AssertDocumented503(response.Response);
                }
            });

            // Every client ends served, on the session it had before the kill, and reads back what its last 200 said.
            Assert.All(responses.Where(response => response.SentAt >= recoveredAt), response => Assert.Equal(200, response.StatusCode));
            Assert.Single(history.Sessions);
            Assert.Equal(history.LastSucceeded!.Count, await ReadCountAsync(app, history.FinalCookie!));
            if (victimClients.Contains(client))
            {
                // Saves confirmed before the replica caught up survive the failover; later ones were acknowledged by the
                // primary alone, and Redis's asynchronous replication may have lost them, so only this much is certain.
                var confirmed = confirmedBeforeReplication[client].Count;
                Assert.All(responses.Where(response => response.StatusCode == 200 && response.SentAt >= killedAt), response =>
                    Assert.True(response.Count > confirmed, $"A save confirmed before the replica caught up was lost: {response}, confirmed {confirmed}"));
            }
            else if (requireFullCoverage)
            {
                // The whole cluster refused commands for a moment: these sessions may have failed too, but lost nothing.
                history.AssertConsistent();
            }
            else
            {
                // The other primaries never went away: nothing failed, and nothing was lost.
                Assert.All(responses, response => Assert.True(response.StatusCode == 200, $"A session on a surviving primary failed: {response}"));
                history.AssertConsistent();
            }
        }

        Assert.Contains(load.AllSessionResponses, response => victimClients.Contains(response.Client) && response.SentAt >= killedAt && response.StatusCode == 503);
        Assert.All(load.PingResponses, ping => Assert.Equal(200, ping.StatusCode));
        Assert.NotEmpty(ok);

        // A purge after the failover scans the new primary, and does not trip over the dead one.
        Assert.Equal(0, await store.ClearExpiredAsync());
    }

    // The primary that holds the client's session, by the record id its cookie's key stands for.
    private static int PrimaryOf(RedisSessionRecordStore store, RedisClusterTopology topology, OutageLoad load, int client)
    {
        var cookie = load.SessionResponsesOf(client).Last(response => response.StatusCode == 200).SetCookie!;
        var key = store.KeyFor(SessionKeys.ToRecordId(cookie[(cookie.IndexOf('=') + 1)..]))!;
        return topology.PrimaryOf(RedisHashSlot.Of((string)key!)).Port;
    }

    // The first store calls (connecting to every node, loading scripts, JIT) can outlast the short store timeout.
    private static Task WarmUpAsync(KestrelTestApp app) => Eventually.SucceedsAsync(
        async () =>
        {
            await using var connection = await app.ConnectAsync(ReadTimeout);
            var response = await connection.SendAsync("POST", "/count");
            Assert.Equal(200, response.StatusCode);
        },
        RecoveryTimeout);

    private static async Task<int> ReadCountAsync(KestrelTestApp app, string cookie)
    {
        await using var connection = await app.ConnectAsync(ReadTimeout);
        var response = await connection.SendAsync("GET", "/count", [("Cookie", cookie)]);
        Assert.Equal(200, response.StatusCode);
        return int.Parse(response.BodyText, CultureInfo.InvariantCulture);
    }

    private void Report(OutageLoad load, HashSet<int> victimClients, TimeSpan killedAt, TimeSpan promotedAt, TimeSpan recoveredAt, FakeLogCollector logs)
    {
        var after = load.AllSessionResponses.Where(response => response.SentAt >= killedAt).ToList();
        var ofVictim = after.Where(response => victimClients.Contains(response.Client)).ToList();
        var lastFailed = ofVictim.Where(response => response.StatusCode != 200).Select(response => response.SentAt).DefaultIfEmpty(killedAt).Max();
        var firstServed = ofVictim.Where(response => response.StatusCode == 200 && response.SentAt >= promotedAt).Select(response => response.SentAt).DefaultIfEmpty(recoveredAt).Min();
        output.WriteLine(
            $"cluster-require-full-coverage {(requireFullCoverage ? "yes" : "no")}: killed a primary holding {victimClients.Count} of {SessionClients} " +
            $"sessions at {killedAt.TotalSeconds:0.00} s; replica promoted {Ms(promotedAt - killedAt)} after the kill; its sessions' first 200 after " +
            $"the promotion {Ms(firstServed - promotedAt)} after it, last failure {Ms(lastFailed - killedAt)} after the kill; every client served " +
            $"{Ms(recoveredAt - killedAt)} after the kill.");
        output.WriteLine(
            $"  its sessions since the kill: 200 x{ofVictim.Count(response => response.StatusCode == 200)}, " +
            $"503 unavailable x{ofVictim.Count(response => response.StatusCode == 503 && !response.IsMayHaveBeenWritten)}, " +
            $"503 may-have-been-written x{ofVictim.Count(response => response.IsMayHaveBeenWritten)}; " +
            $"other sessions since the kill: 200 x{after.Count(response => !victimClients.Contains(response.Client) && response.StatusCode == 200)}, " +
            $"other x{after.Count(response => !victimClients.Contains(response.Client) && response.StatusCode != 200)}; " +
            $"StoreUnavailable logged x{logs.GetSnapshot().Count(entry => entry.Id.Id == OutageLog.StoreUnavailableId)}");
        output.WriteLine(new OutageLog(logs).Describe());

        // Whatever else went wrong, from any category: an unhandled exception behind a 500, for one.
        foreach (var entry in logs.GetSnapshot().Where(entry => entry.Level >= LogLevel.Error && entry.Category?.StartsWith("TypedSessions", StringComparison.Ordinal) != true))
        {
            output.WriteLine($"{entry.Timestamp:HH:mm:ss.fff} {entry.Level} {entry.Category}: {entry.Message} {entry.Exception}");
        }
    }

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:0} ms";

    private static Func<Task> Check(Action assert) => () =>
    {
        assert();
        return Task.CompletedTask;
    };

    private static async Task StopQuietlyAsync(OutageLoad load)
    {
        try
        {
            await load.StopAsync();
        }
        catch (Exception)
        {
            // The test already fails with its own exception.
        }
    }
}
