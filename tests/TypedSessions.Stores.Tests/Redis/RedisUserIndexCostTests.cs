using System.Globalization;
using System.Security.Cryptography;
using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// What the per-user index costs in Redis commands, counted by the server: the commands the store sent (round trips,
/// from <c>MONITOR</c>) and every command Redis ran, those inside scripts included (<c>INFO commandstats</c>), with the
/// measurement's own commands left out. Scripts are loaded before measuring, so each is one <c>EVALSHA</c>.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisUserIndexCostTests(RedisServerFixture redis, ITestOutputHelper output)
{
    // Sent by the measurement (INFO snapshots, the MONITOR marker) or by a multiplexer on its own.
    private static readonly HashSet<string> NotTheStores = ["info", "echo", "ping", "client", "cluster", "config", "subscribe", "hello", "select", "role"];

    [SkippableFact]
    public async Task A_sign_in_is_three_commands_a_revoke_two_and_a_revoke_of_an_unknown_id_one_that_writes_nothing()
    {
        var store = RedisTestStores.Create(redis, TimeProvider.System);
        await WarmUpAsync(store);
        var id = NewId();
        var set = (string)store.UserIndexKeyFor("alice")!;
        var key = (string)store.KeyFor(id)!;
        await using var monitor = await RedisMonitor.StartAsync(redis);
        var overhead = await MeasureAsync(monitor, () => Task.CompletedTask);

        var signIn = await MeasureAsync(monitor, () => store.TryCreateAsync(id, Record("alice")), overhead);
        var revoke = await MeasureAsync(monitor, async () => Assert.True((await store.RevokeAsync(id)).Revoked), overhead);
        var unknown = await MeasureAsync(monitor, async () => Assert.False((await store.RevokeAsync(NewId())).Revoked), overhead);
        var malformed = await MeasureAsync(monitor, async () => Assert.False((await store.RevokeAsync("not-a-record-id")).Revoked), overhead);
        var anonymous = await MeasureAsync(monitor, () => store.TryCreateAsync(NewId(), Record(userId: null)), overhead);
        Print(
            ("sign-in (create with a user)", signIn),
            ("revoke", revoke),
            ("revoke of an unknown id", unknown),
            ("revoke of a malformed id", malformed),
            ("create without a user", anonymous));

        // The id goes into the user's set before the record is written and again after; a purge or a listing may prune it in between.
        Assert.Equal([("evalsha", set), ("evalsha", key), ("evalsha", set)], signIn.Sent);
        Assert.Equal(["sadd", "pexpireat", "hset", "pexpireat", "sadd", "pexpireat"], signIn.Writes);
        Assert.Equal(15, signIn.Ran);

        Assert.Equal([("evalsha", key), ("srem", set)], revoke.Sent);
        Assert.Equal(["del", "srem"], revoke.Writes);
        Assert.Equal(6, revoke.Ran);

        foreach (var nothing in new[] { unknown, malformed })
        {
            Assert.Equal("evalsha", Assert.Single(nothing.Sent).Name);
            Assert.Empty(nothing.Writes);
            Assert.Equal(2, nothing.Ran);
        }

        Assert.Equal("evalsha", Assert.Single(anonymous.Sent).Name);
        Assert.Equal(4, anonymous.Ran);
    }

    [SkippableFact]
    public async Task Saving_a_signed_in_session_adds_one_command_that_pushes_out_its_users_set()
    {
        var store = RedisTestStores.Create(redis, TimeProvider.System);
        await WarmUpAsync(store);
        var id = NewId();
        var set = (string)store.UserIndexKeyFor("alice")!;
        var key = (string)store.KeyFor(id)!;
        Assert.True(await store.TryCreateAsync(id, Record("alice")));
        await using var monitor = await RedisMonitor.StartAsync(redis);
        var overhead = await MeasureAsync(monitor, () => Task.CompletedTask);

        var update = await MeasureAsync(monitor, () => store.UpdateAsync(id, Changes(userIdChanged: false, userId: null)).AsTask(), overhead);
        var touch = await MeasureAsync(monitor, () => store.TouchAsync(id, DateTimeOffset.UtcNow.AddHours(3)).AsTask(), overhead);
        var signOut = await MeasureAsync(monitor, () => store.DeleteAsync(id).AsTask(), overhead);
        Print(("update", update), ("touch", touch), ("delete", signOut));

        Assert.Equal([("evalsha", key), ("pexpireat", set)], update.Sent);
        Assert.Equal([("evalsha", key), ("pexpireat", set)], touch.Sent);
        Assert.Equal([("evalsha", key), ("srem", set)], signOut.Sent);
    }

    private static async Task WarmUpAsync(RedisSessionRecordStore store)
    {
        // Loads every script on the connection (SCRIPT LOAD or EVAL), so that what is measured is EVALSHA alone.
        var id = NewId();
        Assert.True(await store.TryCreateAsync(id, Record("warm-up")));
        await store.UpdateAsync(id, Changes(userIdChanged: false, userId: null));
        await store.TouchAsync(id, DateTimeOffset.UtcNow.AddHours(2));
        await store.RevokeAsync(id);
        Assert.True(await store.TryCreateAsync(id, Record("warm-up")));
        await store.DeleteAsync(id);
        await foreach (var _ in store.ListUserSessionsAsync("warm-up"))
        {
        }
    }

    private async Task<Measurement> MeasureAsync(RedisMonitor monitor, Func<Task> action, Measurement? overhead = null)
    {
        var before = await RedisServerStats.ReadAsync(redis);
        await action();
        var commands = (await monitor.CollectAsync()).Where(command => !NotTheStores.Contains(command.Name)).ToList();
        var ran = (await RedisServerStats.ReadAsync(redis)).Since(before).Calls
            .Where(pair => !NotTheStores.Contains(pair.Key))
            .Sum(pair => pair.Value);
        return new Measurement(
            [.. commands.Where(command => !command.FromScript).Select(command => (command.Name, FirstKey(command)))],
            [.. commands.Where(command => command.IsWrite).Select(command => command.Name)],
            ran - (overhead?.Ran ?? 0),
            [.. commands.Select(command => command.ToString())]);
    }

    // The key a command names: for EVALSHA the first of its KEYS, otherwise its first argument.
    private static string FirstKey(MonitoredCommand command) => command.Name is "eval" or "evalsha" ? command.Arguments[2] : command.Arguments[0];

    private void Print(params (string Operation, Measurement Cost)[] rows)
    {
        foreach (var (operation, cost) in rows)
        {
            var sent = string.Join(", ", cost.Sent.Select(command => command.Name));
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"{operation}: {cost.Sent.Count} commands sent ({sent}), {cost.Ran} run by Redis incl. inside scripts"));
            foreach (var line in cost.Trace)
            {
                output.WriteLine("    " + line);
            }
        }
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static SessionRecord Record(string? userId)
        => new(new Dictionary<string, string> { ["a"] = "1" }, DateTimeOffset.UtcNow.AddHours(1)) { UserId = userId, CreatedAt = DateTimeOffset.UtcNow };

    private static SessionChanges Changes(bool userIdChanged, string? userId) => new()
    {
        Values = new Dictionary<string, string> { ["a"] = "2" },
        Changed = new Dictionary<string, string> { ["a"] = "2" },
        Removed = [],
        ExpiresAt = DateTimeOffset.UtcNow.AddHours(2),
        SavedAt = DateTimeOffset.UtcNow,
        UserIdChanged = userIdChanged,
        UserId = userId,
        HasChanges = true,
    };

    private sealed record Measurement(IReadOnlyList<(string Name, string Key)> Sent, IReadOnlyList<string> Writes, long Ran, IReadOnlyList<string> Trace);
}
