using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// Redis Cluster runs a command or script only when every key it names is in one hash slot, and a script only sees
/// the keys declared in <c>KEYS</c>. The store keeps a session in one key, so both hold by construction; these tests
/// check, with <c>MONITOR</c>, that every operation keeps to it. A user's index is a set of its own, written by
/// commands of their own, never by a script that also touches a session.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisClusterSlotTests(RedisServerFixture redis)
{
    // SCRIPT LOAD, and what a multiplexer sends on its own (heartbeats, discovery), name no key.
    private static readonly HashSet<string> Keyless = ["script", "ping", "echo", "info", "client", "cluster", "config", "subscribe", "hello", "select", "role", "scan"];

    private readonly FakeTimeProvider _time = TestClock.New();

    [SkippableFact]
    public async Task Every_command_of_a_session_names_only_its_one_key_and_scripts_declare_it_in_KEYS()
    {
        var store = RedisTestStores.Create(redis, _time);
        var key = (string)store.KeyFor("id")!;
        var values = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };
        await using var monitor = await RedisMonitor.StartAsync(redis);

        Assert.True(await store.TryCreateAsync("id", new SessionRecord(values, _time.GetUtcNow().AddHours(1))));
        await store.LoadRecordAsync("id");
        await store.ExistsAsync("id");
        await store.UpdateAsync("id", new SessionChanges
        {
            Values = values,
            Changed = new Dictionary<string, string> { ["a"] = "3" },
            Removed = ["b"],
            ExpiresAt = _time.GetUtcNow().AddHours(2),
            ExpectedValues = new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" },
        });
        await store.DeleteAsync("id");

        var commands = (await monitor.CollectAsync()).Where(command => !Keyless.Contains(command.Name)).ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, command => Assert.Equal([key], KeysOf(command)));
        Assert.Contains(commands, command => command.Name == "evalsha");
        Assert.Contains(commands, command => command.FromScript && command.Name == "hset");
    }

    [SkippableFact]
    public async Task Every_command_of_a_signed_in_session_names_one_key_its_own_or_its_users_set()
    {
        var store = RedisTestStores.Create(redis, _time);
        var values = new Dictionary<string, string> { ["a"] = "1" };
        var key = (string)store.KeyFor("id")!;
        var alice = (string)store.UserIndexKeyFor("{alice}")!;
        var bob = (string)store.UserIndexKeyFor("bob")!;
        await using var monitor = await RedisMonitor.StartAsync(redis);

        Assert.True(await store.TryCreateAsync("id", new SessionRecord(values, _time.GetUtcNow().AddHours(1)) { UserId = "{alice}" }));
        await store.UpdateAsync("id", new SessionChanges
        {
            Values = values,
            Changed = values,
            Removed = [],
            ExpiresAt = _time.GetUtcNow().AddHours(2),
        });
        await store.TouchAsync("id", _time.GetUtcNow().AddHours(3));
        await foreach (var _ in store.ListUserSessionsAsync("{alice}"))
        {
        }

        await store.UpdateAsync("id", new SessionChanges
        {
            Values = values,
            Changed = values,
            Removed = [],
            ExpiresAt = _time.GetUtcNow().AddHours(2),
            UserIdChanged = true,
            UserId = "bob",
        });
        await store.RevokeAsync("id");
        Assert.True(await store.TryCreateAsync("id", new SessionRecord(values, _time.GetUtcNow().AddHours(1)) { UserId = "bob" }));
        await store.DeleteAsync("id");
        await ((ISessionPurgeReporting)store).ClearExpiredAsync(_ => ValueTask.CompletedTask);

        var commands = (await monitor.CollectAsync()).Where(command => !Keyless.Contains(command.Name)).ToList();
        Assert.All(commands, command => Assert.Single(KeysOf(command), named => named == key || named == alice || named == bob));
        Assert.Contains(commands, command => command.FromScript && command.Name == "sadd" && command.Arguments[0] == alice);
        Assert.Contains(commands, command => command.Name == "srem" && command.Arguments[0] == alice);
        Assert.Contains(commands, command => command.Name == "sscan" && command.Arguments[0] == alice);
    }

    [SkippableFact]
    public void Different_sessions_spread_over_hash_slots()
    {
        var store = RedisTestStores.Create(redis, _time);

        var slots = Enumerable.Range(0, 50).Select(i => RedisHashSlot.Of(store.KeyFor(i.ToString("x64", CultureInfo.InvariantCulture))!)).ToHashSet();

        Assert.True(slots.Count > 40, $"50 sessions fell into only {slots.Count} slots.");
    }

    [Theory]
    [InlineData("foo", 12182)]
    [InlineData("bar", 5061)]
    [InlineData("{user1000}.following", 3443)]
    [InlineData("foo{}{bar}", 8363)]
    [InlineData("foo{{bar}}zap", 4015)]
    [InlineData("typedsessions:abc", 9288)]
    public void The_slot_helper_agrees_with_CLUSTER_KEYSLOT(string key, int slot) => Assert.Equal(slot, RedisHashSlot.Of(key));

    // The keys a command names: for EVAL/EVALSHA the declared KEYS, otherwise the first argument.
    private static IReadOnlyList<string> KeysOf(MonitoredCommand command)
        => command.Name is "eval" or "evalsha"
            ? [.. command.Arguments.Skip(2).Take(int.Parse(command.Arguments[1], CultureInfo.InvariantCulture))]
            : [command.Arguments[0]];
}
