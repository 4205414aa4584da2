using System.Security.Cryptography;
using System.Text.Json;
using TypedSessions.Stores;

namespace TypedSessions.Stores.Tests.PgBouncer;

/// <summary>
/// Many clients at once, each on a store of its own choosing, doing what an app's requests do: create a session for a
/// user, save one key of a session all clients share, increment a shared counter optimistically (reload and retry on a
/// conflict), save their own session, list their user's sessions, then revoke or delete their own. Every store must
/// reach the same table. Afterwards <see cref="VerifyAsync"/> checks that no write was lost and nothing was left behind.
/// </summary>
internal sealed class SharedSessionWorkload(IReadOnlyList<ISessionRecordStore> stores, int clients, int rounds)
{
    private const string Counter = "counter";
    private const int Users = 4;

    private readonly string _sharedId = NewId();
    private readonly string[] _ownIds = [.. Enumerable.Range(0, clients).Select(_ => NewId())];
    private readonly DateTimeOffset _expiresAt = DateTimeOffset.UtcNow.AddHours(1);

    private int _conflicts;

    /// <summary>Optimistic saves that lost to a concurrent one and were retried: proof that clients really raced.</summary>
    public int Conflicts => _conflicts;

    /// <summary>Every exception the clients threw, once <see cref="RunAsync"/> has failed.</summary>
    public IReadOnlyList<Exception> Failures { get; private set; } = [];

    /// <summary>
    /// Runs every client to the end, all released at once, and throws the first failure. A client's failure does not
    /// stop the others, so that every error a run provokes is in <see cref="Failures"/>.
    /// </summary>
    public async Task RunAsync()
    {
        var created = await stores[0].CreateAsync(_sharedId, new SessionRecord(new Dictionary<string, string> { [Counter] = "0" }, _expiresAt));
        Assert.Equal(SessionWriteResult.Written, created);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            await start.Task;
            await RunClientAsync(i);
        })).ToArray();
        start.SetResult();
        try
        {
            await Task.WhenAll(running);
        }
        catch
        {
            Failures = [.. running.Where(task => task.IsFaulted).SelectMany(task => task.Exception!.InnerExceptions)];
            throw;
        }
    }

    /// <summary>The shared session holds every client's last save and every increment; no own session is left.</summary>
    public async Task VerifyAsync()
    {
        var store = stores[0];
        var shared = (await store.LoadAsync(_sharedId)).Record;
        Assert.NotNull(shared);
        Assert.Equal(clients * rounds, int.Parse(shared.Values[Counter], System.Globalization.CultureInfo.InvariantCulture));
        for (var i = 0; i < clients; i++)
        {
            Assert.Equal($"{rounds}", shared.Values[$"k{i}"]);
            Assert.Null((await store.LoadAsync(_ownIds[i])).Record);
        }

        var index = Assert.IsAssignableFrom<ISessionUserIndex>(store);
        for (var user = 0; user < Users; user++)
        {
            Assert.Empty(await index.ListUserSessionsAsync(UserOf(user)).ToListAsync());
        }
    }

    private async Task RunClientAsync(int i)
    {
        var store = stores[i % stores.Count];
        var ownId = _ownIds[i];
        var user = UserOf(i % Users);
        var record = new SessionRecord(new Dictionary<string, string> { ["n"] = $"{i}" }, _expiresAt) { UserId = user };
        Assert.Equal(SessionWriteResult.Written, await store.CreateAsync(ownId, record));

        for (var round = 1; round <= rounds; round++)
        {
            Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync(_sharedId, Set($"k{i}", $"{round}")));
            await IncrementAsync(store);
            Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync(ownId, Set("round", $"{round}")));
        }

        var index = (ISessionUserIndex)store;
        var listed = await index.ListUserSessionsAsync(user).Select(session => session.RecordId).ToListAsync();
        Assert.Contains(ownId, listed);

        if (i % 2 == 0)
        {
            Assert.True((await index.RevokeAsync(ownId)).Revoked);
        }
        else
        {
            await store.DeleteAsync(ownId);
        }
    }

    // Load, then save the next value on condition that the counter is still what was loaded, as optimistic mode does.
    private async Task IncrementAsync(ISessionRecordStore store)
    {
        while (true)
        {
            var loaded = (await store.LoadAsync(_sharedId)).Record ?? throw new InvalidOperationException("The shared session is gone.");
            var value = loaded.Values[Counter];
            var next = JsonSerializer.Deserialize<int>(value) + 1;
            var result = await store.UpdateAsync(_sharedId, Set(Counter, $"{next}", expected: value));
            if (result == SessionWriteResult.Written)
            {
                return;
            }

            Assert.Equal(SessionWriteResult.Conflict, result);
            Interlocked.Increment(ref _conflicts);
        }
    }

    private SessionChanges Set(string key, string json, string? expected = null)
    {
        var changed = new Dictionary<string, string> { [key] = json };
        return new SessionChanges
        {
            Values = changed,
            Changed = changed,
            Removed = [],
            ExpiresAt = _expiresAt,
            ExpectedValues = expected is null ? null : new Dictionary<string, string?> { [key] = expected },
        };
    }

    private static string UserOf(int user) => $"user-{user}";

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
