using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.RedisCluster;

/// <summary>
/// On a cluster each primary holds its own share of the keys, so a purge that scanned one node would miss two thirds
/// of the expired sessions. These tests place expired records, and users' index sets, on every primary (checked with
/// <c>CLUSTER KEYSLOT</c> and on the node itself) and purge once.
/// </summary>
[Collection(RedisClusterCollection.Name)]
public sealed class RedisClusterClearExpiredTests(RedisClusterFixture cluster)
{
    private const int ExpiredPerPrimary = 3;
    private readonly FakeTimeProvider _time = TestClock.New();

    [SkippableFact]
    public async Task One_purge_deletes_the_expired_records_of_every_primary_counts_them_exactly_and_unindexes_them()
    {
        var start = _time.GetUtcNow();
        var store = RedisClusterTestStores.Create(cluster, _time);
        var topology = await cluster.TopologyAsync();
        var primaries = topology.Primaries.Select(primary => primary.Port).ToList();

        // Per primary: anonymous expired records, one expired and one live record of a user whose set is on that
        // primary too, and a live anonymous one.
        var expired = new List<ExpiredSession>();
        var live = new List<string>();
        var liveOfUser = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var port in primaries)
        {
            var user = UserOn(store, topology, port);
            var ids = IdsOn(store, topology, port, ExpiredPerPrimary + 2);
            for (var i = 0; i < ExpiredPerPrimary; i++)
            {
                var userId = i == 0 ? user : null;
                Assert.True(await store.TryCreateAsync(ids[i], new SessionRecord(Values, start.AddSeconds(10)) { UserId = userId }));
                expired.Add(new ExpiredSession(ids[i], userId));
            }

            Assert.True(await store.TryCreateAsync(ids[ExpiredPerPrimary], new SessionRecord(Values, start.AddHours(1)) { UserId = user }));
            Assert.True(await store.TryCreateAsync(ids[ExpiredPerPrimary + 1], new SessionRecord(Values, start.AddHours(1))));
            live.AddRange(ids[ExpiredPerPrimary..]);
            liveOfUser[user] = ids[ExpiredPerPrimary];
        }

        // Each record is where the cluster says its slot is served.
        foreach (var id in expired.Select(session => session.RecordId).Concat(live))
        {
            Assert.Equal(1, await ExistsOnOwnerAsync(store.KeyFor(id)!, topology));
        }

        _time.Advance(TimeSpan.FromSeconds(10));
        var reported = new List<ExpiredSession>();
        var cleared = await ((ISessionPurgeReporting)store).ClearExpiredAsync(session =>
        {
            reported.Add(session);
            return ValueTask.CompletedTask;
        });

        Assert.Equal(expired.Count, cleared);
        Assert.Equal(expired.OrderBy(session => session.RecordId), reported.OrderBy(session => session.RecordId));
        foreach (var session in expired)
        {
            Assert.Equal(0, await ExistsOnOwnerAsync(store.KeyFor(session.RecordId)!, topology));
            if (session.UserId is { } user)
            {
                Assert.DoesNotContain(session.RecordId, await MembersOnOwnerAsync(store.UserIndexKeyFor(user)!, topology));
            }
        }

        foreach (var id in live)
        {
            Assert.NotNull(await store.LoadRecordAsync(id));
        }

        // Each user's set lists the user's live session only.
        foreach (var (user, id) in liveOfUser)
        {
            var listed = new List<string>();
            await foreach (var info in store.ListUserSessionsAsync(user))
            {
                listed.Add(info.RecordId);
            }

            Assert.Equal([id], listed);
            Assert.Equal([id], await MembersOnOwnerAsync(store.UserIndexKeyFor(user)!, topology));
        }

        Assert.Equal(0, await store.ClearExpiredAsync());
    }

    private static Dictionary<string, string> Values => new(StringComparer.Ordinal) { ["a"] = "1" };

    // Record ids whose keys hash to a slot the primary at port serves.
    private static List<string> IdsOn(RedisSessionRecordStore store, RedisClusterTopology topology, int port, int count) =>
        [.. Enumerable.Range(0, 10_000)
            .Select(i => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))))
            .Where(id => topology.PrimaryOf(RedisHashSlot.Of(store.KeyFor(id)!)).Port == port)
            .Take(count)];

    // A user whose index set hashes to a slot the primary at port serves.
    private static string UserOn(RedisSessionRecordStore store, RedisClusterTopology topology, int port) =>
        Enumerable.Range(0, 10_000)
            .Select(i => "user-" + i.ToString(CultureInfo.InvariantCulture))
            .First(user => topology.PrimaryOf(RedisHashSlot.Of(store.UserIndexKeyFor(user)!)).Port == port);

    // Asks the primary that serves the key's slot (by CLUSTER KEYSLOT) directly: a node answers only for its own slots.
    private async Task<int> ExistsOnOwnerAsync(string key, RedisClusterTopology topology)
    {
        var owner = await OwnerAsync(key, topology);
        return int.Parse((await cluster.Cli.NodeAsync(owner, "EXISTS", key)).Trim(), CultureInfo.InvariantCulture);
    }

    private async Task<string[]> MembersOnOwnerAsync(string key, RedisClusterTopology topology)
    {
        var owner = await OwnerAsync(key, topology);
        return (await cluster.Cli.NodeAsync(owner, "SMEMBERS", key)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private async Task<int> OwnerAsync(string key, RedisClusterTopology topology)
    {
        var slot = int.Parse((await cluster.Cli.NodeAsync(topology.Primaries[0].Port, "CLUSTER", "KEYSLOT", key)).Trim(), CultureInfo.InvariantCulture);
        Assert.Equal(RedisHashSlot.Of(key), slot);
        return topology.PrimaryOf(slot).Port;
    }
}
