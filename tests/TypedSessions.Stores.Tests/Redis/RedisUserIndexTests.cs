using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>
/// The per-user sets inside Redis: stale ids are pruned by the reads that meet them, a set outlives the sessions it
/// lists, every write that ends or moves a session takes its id out, and a purge reports the sessions of users that
/// Redis evicted itself, each once.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisUserIndexTests(RedisServerFixture redis)
{
    private readonly FakeTimeProvider _time = TestClock.New();

    private IDatabase Raw => redis.Multiplexer.GetDatabase();

    private DateTimeOffset InOneHour => _time.GetUtcNow().AddHours(1);

    [SkippableFact]
    public async Task A_listing_prunes_the_ids_of_deleted_expired_unreadable_and_moved_records_and_keeps_newer_ones()
    {
        var store = RedisTestStores.Create(redis, _time);
        var live = await CreateAsync(store, "alice", InOneHour);
        var deletedBehindTheStoresBack = await CreateAsync(store, "alice", InOneHour);
        var expiring = await CreateAsync(store, "alice", _time.GetUtcNow().AddSeconds(5));
        var overwritten = await CreateAsync(store, "alice", InOneHour);
        var movedBehindTheStoresBack = await CreateAsync(store, "alice", InOneHour);
        var ofANewerFormat = await CreateAsync(store, "alice", InOneHour);
        var ofNoFormat = await CreateAsync(store, "alice", InOneHour);
        var neverWritten = NewId();
        await Raw.KeyDeleteAsync(store.KeyFor(deletedBehindTheStoresBack));
        await Raw.StringSetAsync(store.KeyFor(overwritten), "not a session");
        await Raw.HashSetAsync(store.KeyFor(movedBehindTheStoresBack), RedisSessionHash.UserField, "mallory");
        await Raw.HashSetAsync(store.KeyFor(ofANewerFormat), RedisSessionHash.VersionField, SessionRecordFormat.CurrentVersion + 1);
        await Raw.HashSetAsync(store.KeyFor(ofNoFormat), RedisSessionHash.VersionField, 0);
        await Raw.SetAddAsync(store.UserIndexKeyFor("alice"), neverWritten);
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(8, await Raw.SetLengthAsync(store.UserIndexKeyFor("alice")));

        var listed = await ListAsync(store, "alice");

        Assert.Equal([live], listed.Select(info => info.RecordId));
        Assert.Equal(
            new[] { live, ofANewerFormat }.Order(StringComparer.Ordinal),
            (await Raw.SetMembersAsync(store.UserIndexKeyFor("alice"))).Select(member => (string)member!).Order(StringComparer.Ordinal));
        Assert.True(await Raw.KeyExistsAsync(store.KeyFor(expiring)), "A listing prunes the index; it leaves the expired record to the purge and to Redis.");
    }

    [SkippableFact]
    public async Task A_listing_prunes_the_id_of_a_record_Redis_evicted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = RedisTestStores.Create(redis, clock);
        var lasting = await CreateAsync(store, "alice", clock.GetUtcNow().AddHours(1));
        var evicted = await CreateAsync(store, "alice", clock.GetUtcNow().AddMilliseconds(200));
        await WaitUntilEvictedAsync(store, evicted);
        Assert.Equal(2, await Raw.SetLengthAsync(store.UserIndexKeyFor("alice")));

        Assert.Equal([lasting], (await ListAsync(store, "alice")).Select(info => info.RecordId));

        Assert.Equal(1, await Raw.SetLengthAsync(store.UserIndexKeyFor("alice")));
    }

    [SkippableFact]
    public async Task Sign_ins_racing_with_listings_of_the_same_user_all_stay_indexed()
    {
        // Each listing meets ids whose record is still being written, finds no record, and prunes them: the sign-in's
        // second add, and the listing's second read of what it pruned, must between them put every one back.
        var store = RedisTestStores.Create(redis, _time);
        var created = new List<string>();
        var signingIn = Task.Run(async () =>
        {
            for (var round = 0; round < 10; round++)
            {
                created.AddRange(await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => CreateAsync(store, "alice", InOneHour))));
            }
        });
        var listings = 0;
        while (!signingIn.IsCompleted)
        {
            await ListAsync(store, "alice");
            listings++;
        }

        await signingIn;

        Assert.True(listings > 1, "The listings ran while the sign-ins did.");
        Assert.Equal(created.Count, await Raw.SetLengthAsync(store.UserIndexKeyFor("alice")));
        Assert.Equal(created.Order(StringComparer.Ordinal), (await ListAsync(store, "alice")).Select(info => info.RecordId).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task A_users_set_outlives_the_latest_expiry_of_its_sessions_by_the_grace_period_and_follows_updates_and_touches()
    {
        var store = RedisTestStores.Create(redis, _time);
        var set = store.UserIndexKeyFor("alice");
        var first = await CreateAsync(store, "alice", _time.GetUtcNow().AddHours(1));
        Assert.Equal(SetExpiry(_time.GetUtcNow().AddHours(1)), await ExpiryOfAsync(set));

        await CreateAsync(store, "alice", _time.GetUtcNow().AddHours(3));
        await CreateAsync(store, "alice", _time.GetUtcNow().AddHours(2));
        Assert.Equal(SetExpiry(_time.GetUtcNow().AddHours(3)), await ExpiryOfAsync(set));

        Assert.Equal(SessionWriteResult.Written, await store.TouchAsync(first, _time.GetUtcNow().AddHours(5)));
        Assert.Equal(SetExpiry(_time.GetUtcNow().AddHours(5)), await ExpiryOfAsync(set));

        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync(first, Changes(_time.GetUtcNow().AddHours(6))));
        Assert.Equal(SetExpiry(_time.GetUtcNow().AddHours(6)), await ExpiryOfAsync(set));

        // An earlier expiry never shortens the set's life: other sessions may still need it.
        Assert.Equal(SessionWriteResult.Written, await store.TouchAsync(first, _time.GetUtcNow().AddMinutes(10)));
        Assert.Equal(SetExpiry(_time.GetUtcNow().AddHours(6)), await ExpiryOfAsync(set));
    }

    [SkippableFact]
    public async Task A_set_without_a_TTL_gets_one_when_it_is_new_and_keeps_none_when_it_lists_other_sessions()
    {
        var store = RedisTestStores.Create(redis, _time);
        var set = store.UserIndexKeyFor("alice");
        await CreateAsync(store, "alice", InOneHour);
        await Raw.KeyPersistAsync(set);

        await CreateAsync(store, "alice", InOneHour);
        Assert.Equal(-1, await ExpiryOfAsync(set));

        await Raw.KeyDeleteAsync(set);
        await Raw.StringSetAsync(set, "not a set");
        await CreateAsync(store, "alice", InOneHour);
        Assert.Equal(RedisType.Set, await Raw.KeyTypeAsync(set));
        Assert.Equal(SetExpiry(InOneHour), await ExpiryOfAsync(set));
    }

    [SkippableFact]
    public async Task Deleting_revoking_and_moving_a_session_take_its_id_out_of_its_users_set()
    {
        var store = RedisTestStores.Create(redis, _time);
        var deleted = await CreateAsync(store, "alice", InOneHour);
        var revoked = await CreateAsync(store, "alice", InOneHour);
        var moved = await CreateAsync(store, "alice", InOneHour);
        var kept = await CreateAsync(store, "alice", InOneHour);

        await store.DeleteAsync(deleted);
        Assert.Equal(new SessionRevokeResult(true, "alice"), await store.RevokeAsync(revoked));
        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync(moved, Changes(InOneHour, movesTo: "bob")));

        Assert.Equal([kept], (await Raw.SetMembersAsync(store.UserIndexKeyFor("alice"))).Select(member => (string)member!));
        Assert.Equal([moved], (await Raw.SetMembersAsync(store.UserIndexKeyFor("bob"))).Select(member => (string)member!));
        Assert.Equal(SetExpiry(InOneHour), await ExpiryOfAsync(store.UserIndexKeyFor("bob")));

        await store.DeleteAsync(kept);
        Assert.False(await Raw.KeyExistsAsync(store.UserIndexKeyFor("alice")), "Redis drops a set once its last id is gone.");
    }

    [SkippableFact]
    public async Task An_update_that_keeps_the_user_leaves_the_user_field_and_where_the_session_was_created_alone()
    {
        var store = RedisTestStores.Create(redis, _time);
        var id = NewId();
        Assert.True(await store.TryCreateAsync(id, new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, InOneHour)
        {
            UserId = "alice",
            UserAgent = "Mozilla/5.0 (Zoë)",
            RemoteAddress = "192.0.2.7",
        }));

        Assert.Equal(SessionWriteResult.Written, await store.UpdateAsync(id, Changes(InOneHour)));

        var loaded = await store.LoadRecordAsync(id);
        Assert.NotNull(loaded);
        Assert.Equal("alice", loaded.UserId);
        Assert.Equal("Mozilla/5.0 (Zoë)", loaded.UserAgent);
        Assert.Equal("192.0.2.7", loaded.RemoteAddress);
        Assert.Equal("Mozilla/5.0 (Zoë)", (string?)await Raw.HashGetAsync(store.KeyFor(id), RedisSessionHash.UserAgentField));
        Assert.Equal("192.0.2.7", (string?)await Raw.HashGetAsync(store.KeyFor(id), RedisSessionHash.RemoteAddressField));
    }

    [SkippableFact]
    public async Task User_ids_that_form_hash_tags_or_hold_glob_characters_name_one_set_each()
    {
        var store = RedisTestStores.Create(redis, _time);
        string[] users = ["{tag}", "{tag}x", "a*", "a?", "[ab]", "a\\", "user 1/Zoë 🍕"];
        foreach (var user in users)
        {
            await CreateAsync(store, user, InOneHour);
        }

        foreach (var user in users)
        {
            Assert.Equal(1, await Raw.SetLengthAsync(store.UserIndexKeyFor(user)));
            Assert.Single(await ListAsync(store, user));
        }

        // The purge finds every set, whatever its name, and leaves live sessions listed.
        _time.Advance(TimeSpan.FromMinutes(1));
        await ((ISessionPurgeReporting)store).ClearExpiredAsync(_ => throw new InvalidOperationException("Nothing has expired."));
        foreach (var user in users)
        {
            Assert.Single(await ListAsync(store, user));
        }
    }

    [SkippableFact]
    public async Task A_purge_reports_each_session_of_a_user_that_Redis_evicted_once_across_instances_and_counts_only_what_it_deleted()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new RedisSessionRecordStoreOptions
        {
            KeyPrefix = RedisServerFixture.NewPrefix(),
            UserIndexKeyPrefix = RedisServerFixture.NewUserIndexPrefix(),
            ClearExpiredBatchSize = 3,
        };
        var stores = Enumerable.Range(0, 3).Select(_ => RedisTestStores.Create(redis, clock, o =>
        {
            (o.KeyPrefix, o.UserIndexKeyPrefix, o.ClearExpiredBatchSize) = (options.KeyPrefix, options.UserIndexKeyPrefix, options.ClearExpiredBatchSize);
        })).ToList();
        var soon = clock.GetUtcNow().AddMilliseconds(1500);
        var evicted = new List<ExpiredSession>();
        for (var i = 0; i < 120; i++)
        {
            var user = $"user-{i % 7}";
            evicted.Add(new ExpiredSession(await CreateAsync(stores[i % 3], user, soon), user));
        }

        var anonymous = await CreateAsync(stores[0], userId: null, soon);
        var lasting = await CreateAsync(stores[0], "user-0", clock.GetUtcNow().AddHours(1));
        foreach (var session in evicted)
        {
            await WaitUntilEvictedAsync(stores[0], session.RecordId);
        }

        await WaitUntilEvictedAsync(stores[0], anonymous);
        clock.Advance(TimeSpan.FromSeconds(1));
        var reported = new List<ExpiredSession>();

        var counts = await Task.WhenAll(stores.Select(store => ((ISessionPurgeReporting)store).ClearExpiredAsync(expired =>
        {
            lock (reported)
            {
                reported.Add(expired);
            }

            return ValueTask.CompletedTask;
        }).AsTask()));

        Assert.Equal([0, 0, 0], counts);
        Assert.Equal(
            evicted.OrderBy(session => session.RecordId, StringComparer.Ordinal),
            reported.OrderBy(session => session.RecordId, StringComparer.Ordinal));
        Assert.Equal([lasting], (await ListAsync(stores[1], "user-0")).Select(info => info.RecordId));
        Assert.Equal(0, await ((ISessionPurgeReporting)stores[2]).ClearExpiredAsync(_ => throw new InvalidOperationException("Reported twice.")));
    }

    [SkippableFact]
    public async Task A_purge_that_deletes_an_expired_session_of_a_user_reports_it_once_and_takes_it_out_of_the_set()
    {
        var store = RedisTestStores.Create(redis, _time);
        var expiring = await CreateAsync(store, "alice", _time.GetUtcNow().AddSeconds(5));
        var lasting = await CreateAsync(store, "alice", InOneHour);
        _time.Advance(TimeSpan.FromSeconds(6));
        var reported = new List<ExpiredSession>();

        Assert.Equal(1, await ((ISessionPurgeReporting)store).ClearExpiredAsync(expired =>
        {
            reported.Add(expired);
            return ValueTask.CompletedTask;
        }));

        Assert.Equal([new ExpiredSession(expiring, "alice")], reported);
        Assert.Equal([lasting], (await Raw.SetMembersAsync(store.UserIndexKeyFor("alice"))).Select(member => (string)member!));
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    private static async Task<string> CreateAsync(RedisSessionRecordStore store, string? userId, DateTimeOffset expiresAt)
    {
        var id = NewId();
        Assert.True(await store.TryCreateAsync(id, new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, expiresAt) { UserId = userId }));
        return id;
    }

    private static async Task<List<SessionInfo>> ListAsync(RedisSessionRecordStore store, string userId)
    {
        var listed = new List<SessionInfo>();
        await foreach (var info in store.ListUserSessionsAsync(userId))
        {
            listed.Add(info);
        }

        return listed;
    }

    private static SessionChanges Changes(DateTimeOffset expiresAt, string? movesTo = null) => new()
    {
        Values = new Dictionary<string, string> { ["a"] = "2" },
        Changed = new Dictionary<string, string> { ["a"] = "2" },
        Removed = [],
        ExpiresAt = expiresAt,
        UserIdChanged = movesTo is not null,
        UserId = movesTo,
        HasChanges = true,
    };

    // A set outlives the latest expiry of its sessions by the grace period, so that a purge can report those Redis evicts.
    private static long SetExpiry(DateTimeOffset latestSessionExpiry)
        => (latestSessionExpiry + RedisSessionRecordStoreOptions.DefaultUserIndexGracePeriod).ToUnixTimeMilliseconds();

    // PEXPIRETIME: the absolute expiry in Unix milliseconds, -1 without one.
    private async Task<long> ExpiryOfAsync(RedisKey key) => (long)await Raw.ExecuteAsync("PEXPIRETIME", key);

    // EXISTS expires a key whose TTL has passed, so once it says no, Redis has evicted the record.
    private async Task WaitUntilEvictedAsync(RedisSessionRecordStore store, string recordId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Raw.KeyExistsAsync(store.KeyFor(recordId)))
        {
            Assert.True(DateTime.UtcNow < deadline, "Redis did not evict the record.");
            await Task.Delay(50);
        }
    }
}
