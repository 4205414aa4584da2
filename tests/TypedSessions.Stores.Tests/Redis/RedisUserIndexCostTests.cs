using System.Globalization;
using System.Security.Cryptography;
using StackExchange.Redis;
using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Servers;
using Xunit.Abstractions;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// What the per-user index costs in Redis commands, counted by the server through <c>MONITOR</c> on the store's own
/// named connection: the commands the store sent (round trips) and every command Redis ran for it, those inside its
/// scripts included. Scripts are loaded before measuring, so each is one <c>EVALSHA</c>.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisUserIndexCostTests(RedisServerFixture redis, ITestOutputHelper output)
{
    // Sent by a multiplexer on its own (heartbeats, reconfiguration), not by the store.
    private static readonly HashSet<string> NotTheStores = ["info", "echo", "ping", "client", "cluster", "config", "subscribe", "hello", "select", "role"];

    [SkippableFact]
    public async Task A_sign_in_is_three_commands_a_revoke_two_and_a_revoke_of_an_unknown_id_one_that_writes_nothing()
    {
        var (connection, clientName) = await NamedConnectionAsync();
        await using var _ = connection;
        var store = RedisTestStores.Create(redis, TimeProvider.System, connection: connection);
        await WarmUpAsync(store);
        var id = NewId();
        var set = (string)store.UserIndexKeyFor("alice")!;
        var key = (string)store.KeyFor(id)!;
        await using var monitor = await RedisMonitor.StartAsync(redis, clientName);

        var signIn = await MeasureAsync(monitor, () => store.TryCreateAsync(id, Record("alice")));
        var revoke = await MeasureAsync(monitor, async () => Assert.True((await store.RevokeAsync(id)).Revoked));
        var unknown = await MeasureAsync(monitor, async () => Assert.False((await store.RevokeAsync(NewId())).Revoked));
        var malformed = await MeasureAsync(monitor, async () => Assert.False((await store.RevokeAsync("not-a-record-id")).Revoked));
        var anonymous = await MeasureAsync(monitor, () => store.TryCreateAsync(NewId(), Record(userId: null)));
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
        var (connection, clientName) = await NamedConnectionAsync();
        await using var _ = connection;
        var store = RedisTestStores.Create(redis, TimeProvider.System, connection: connection);
        await WarmUpAsync(store);
        var id = NewId();
        var set = (string)store.UserIndexKeyFor("alice")!;
        var key = (string)store.KeyFor(id)!;
        Assert.True(await store.TryCreateAsync(id, Record("alice")));
        await using var monitor = await RedisMonitor.StartAsync(redis, clientName);

        var update = await MeasureAsync(monitor, () => store.UpdateAsync(id, Changes(userIdChanged: false, userId: null)).AsTask());
        var touch = await MeasureAsync(monitor, () => store.TouchAsync(id, DateTimeOffset.UtcNow.AddHours(3)).AsTask());
        var signOut = await MeasureAsync(monitor, () => store.DeleteAsync(id).AsTask());
        Print(("update", update), ("touch", touch), ("delete", signOut));

        Assert.Equal([("evalsha", key), ("pexpireat", set)], update.Sent);
        Assert.Equal([("evalsha", key), ("pexpireat", set)], touch.Sent);
        Assert.Equal([("evalsha", key), ("srem", set)], signOut.Sent);
    }

    // The store's own connection, named so that the monitor counts its commands and no other client's.
    private async Task<(ConnectionMultiplexer Connection, string Name)> NamedConnectionAsync()
    {
        redis.EnsureAvailable();
        var name = $"ts-store-{Guid.NewGuid():N}";
        return (await ConnectionMultiplexer.ConnectAsync($"{redis.Configuration},name={name}"), name);
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

    private static async Task<Measurement> MeasureAsync(RedisMonitor monitor, Func<Task> action)
    {
        await action();
        var commands = (await monitor.CollectAsync()).Where(command => !NotTheStores.Contains(command.Name)).ToList();
        return new Measurement(
            [.. commands.Where(command => !command.FromScript).Select(command => (command.Name, FirstKey(command)))],
            [.. commands.Where(command => command.IsWrite).Select(command => command.Name)],
            commands.Count,
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
