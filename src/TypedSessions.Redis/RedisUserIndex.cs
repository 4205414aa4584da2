using System.Runtime.CompilerServices;
using StackExchange.Redis;

namespace TypedSessions.Redis;

/// <summary>
/// The sets that index sessions by user: at <c>&lt;user index prefix&gt;&lt;user id&gt;</c>, the record ids of the
/// user's sessions. A set and the records it lists are in different hash slots, so no command or script touches both;
/// instead the writers and the readers keep to an order that may leave a stale id in a set, never a live record of
/// the user out of it:
/// <list type="bullet">
/// <item>A writer adds an id to a set before it writes the record (a crash in between leaves a stale id) and again
/// after (a reader may have pruned the id in between, having found no record yet).</item>
/// <item>A reader lists only the ids whose record is live and still names the user, and prunes the others; it then
/// reads each pruned record once more and puts back any that a writer has made live meanwhile.</item>
/// </list>
/// A set lives until the latest expiry it was given (<see cref="RedisUserIndexScripts.Add"/>, <see cref="ExtendAsync"/>)
/// plus <see cref="RedisSessionRecordStoreOptions.UserIndexGracePeriod"/>: Redis evicts the set of a user who stays
/// away, but only after a purge has had the time to find the ids of the sessions Redis evicted and report them.
/// </summary>
internal sealed class RedisUserIndex(RedisSessionKeys keys, TimeProvider time, TimeSpan gracePeriod)
{
    /// <summary>How many ids each <c>SSCAN</c> asks for, and how many records are read in one pipelined batch.</summary>
    public const int PageSize = 500;

    /// <summary>Adds a record id to the set, and makes the set live past the record's <paramref name="expiresAt"/>.</summary>
    public Task AddAsync(IDatabaseAsync database, RedisKey userIndex, string recordId, DateTimeOffset expiresAt)
        => database.ScriptEvaluateAsync(RedisUserIndexScripts.Add, [userIndex], [recordId, RedisSessionHash.Milliseconds(SetExpiry(expiresAt))]);

    /// <summary>Makes the set live past a record's new <paramref name="expiresAt"/>; never shortens its life, and leaves a set without a TTL alone.</summary>
    public Task ExtendAsync(IDatabaseAsync database, RedisKey userIndex, DateTimeOffset expiresAt)
        => database.KeyExpireAsync(userIndex, SetExpiry(expiresAt).UtcDateTime, ExpireWhen.GreaterThanCurrentExpiry);

    public Task<bool> RemoveAsync(IDatabaseAsync database, RedisKey userIndex, string recordId) => database.SetRemoveAsync(userIndex, recordId);

    /// <summary>
    /// Reads the set <paramref name="userIndex"/> a page at a time (<c>SSCAN</c>), and each page's records in one pipelined
    /// batch; prunes the page's stale ids before handing it over. <c>SSCAN</c> may return an id twice (when the set is
    /// resized under it): callers that must not see one twice keep track.
    /// </summary>
    public async IAsyncEnumerable<RedisUserIndexPage> ReadAsync(
        IDatabase database, RedisKey userIndex, byte[] storedUserId, string userId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ids = new List<string>(PageSize);
        await foreach (var member in database.SetScanAsync(userIndex, pageSize: PageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ids.Add((string)member!);
            if (ids.Count == PageSize)
            {
                yield return await ReadPageAsync(database, userIndex, ids, storedUserId, userId, cancellationToken).ConfigureAwait(false);
                ids.Clear();
            }
        }

        if (ids.Count > 0)
        {
            yield return await ReadPageAsync(database, userIndex, ids, storedUserId, userId, cancellationToken).ConfigureAwait(false);
        }
    }

    private DateTimeOffset SetExpiry(DateTimeOffset recordExpiresAt)
        => recordExpiresAt <= DateTimeOffset.MaxValue - gracePeriod ? recordExpiresAt + gracePeriod : DateTimeOffset.MaxValue;

    private async Task<RedisUserIndexPage> ReadPageAsync(
        IDatabase database, RedisKey userIndex, List<string> ids, byte[] storedUserId, string userId, CancellationToken cancellationToken)
    {
        var records = await DescribeAsync(database, ids, storedUserId, userId, cancellationToken).ConfigureAwait(false);
        var stale = records.Where(static record => record.IsStale).Select(static record => record.RecordId).ToList();
        var pruned = stale.Count == 0 ? [] : await PruneAsync(database, userIndex, stale, storedUserId, userId, cancellationToken).ConfigureAwait(false);
        return new RedisUserIndexPage([.. records.Where(static record => record.Info is not null).Select(static record => record.Info!)], pruned);
    }

    // Returns the records this call took out of the set for good; several readers pruning at once each get their own.
    private async Task<List<RedisIndexedRecord>> PruneAsync(
        IDatabase database, RedisKey userIndex, List<string> stale, byte[] storedUserId, string userId, CancellationToken cancellationToken)
    {
        var removed = await Task.WhenAll(stale.Select(id => RemoveAsync(database, userIndex, id))).WaitAsync(cancellationToken).ConfigureAwait(false);
        var ours = stale.Where((_, i) => removed[i]).ToList();
        if (ours.Count == 0)
        {
            return [];
        }

        // A record being created (or moved to this user) reads as missing (or another user's) between the writer's
        // first add and its write; if the writer's second add came before our removal, only this second read saves it.
        var again = await DescribeAsync(database, ours, storedUserId, userId, cancellationToken).ConfigureAwait(false);
        var revived = again.Where(static record => record.Info is not null).ToList();
        if (revived.Count > 0)
        {
            await Task.WhenAll(revived.Select(record => AddAsync(database, userIndex, record.RecordId, record.Info!.ExpiresAt)))
                .WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return [.. again.Where(static record => record.Info is null)];
    }

    private async Task<List<RedisIndexedRecord>> DescribeAsync(
        IDatabase database, List<string> ids, byte[] storedUserId, string userId, CancellationToken cancellationToken)
    {
        // One script per record, pipelined: each record is in a slot of its own.
        var replies = await Task.WhenAll(ids.Select(id => database.ScriptEvaluateAsync(RedisUserIndexScripts.Describe, [keys.For(id)])))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return [.. ids.Select((id, i) => RedisIndexedRecord.Read(id, replies[i], storedUserId, userId, now))];
    }
}
