using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores;

namespace TypedSessions.Stores.Tests.UserIndex;

/// <summary>
/// The <see cref="ISessionUserIndex"/> contract (and <see cref="ISessionPurgeReporting"/>'s), run against every store
/// that indexes users: each concrete subclass supplies a fresh, empty store per test. The fake clock starts at the real
/// time, so that stores which hand expiry to their server (Redis's PEXPIREAT) keep the records the tests make.
/// </summary>
public abstract class SessionUserIndexConformanceTests
{
    private readonly Lazy<ISessionRecordStore> _store;

    protected SessionUserIndexConformanceTests() => _store = new(() => CreateStore(Time), LazyThreadSafetyMode.ExecutionAndPublication);

    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected ISessionRecordStore Store => _store.Value;

    private ISessionUserIndex Index => Assert.IsAssignableFrom<ISessionUserIndex>(Store);

    /// <summary>Whether the store's purge names every expired record it deletes, not only those of indexed users.</summary>
    protected virtual bool PurgeReportsAnonymousRecords => true;

    protected abstract ISessionRecordStore CreateStore(TimeProvider timeProvider);

    [SkippableFact]
    public async Task A_users_live_sessions_are_listed_with_their_metadata_and_no_one_elses()
    {
        var created = Time.GetUtcNow().AddMinutes(-5);
        var saved = Time.GetUtcNow().AddMinutes(-1);
        var first = await CreateAsync("alice", ("cart", "[1,2,3]")) ;
        var second = NewId();
        Assert.Equal(SessionWriteResult.Written, await Store.CreateAsync(second, new SessionRecord(Values(("a", "\"é\"")), InOneHour)
        {
            UserId = "alice",
            CreatedAt = created,
            LastSavedAt = saved,
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64) Chrome/156",
            RemoteAddress = "2001:db8::1",
        }));
        await CreateAsync("bob", ("a", "1"));
        await CreateAsync(userId: null, ("a", "1"));

        var listed = await ListAsync("alice");

        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), listed.Select(info => info.RecordId).Order(StringComparer.Ordinal));
        var detailed = Assert.Single(listed, info => info.RecordId == second);
        Assert.Equal("alice", detailed.UserId);
        AssertSameMillisecond(created, detailed.CreatedAt);
        AssertSameMillisecond(saved, detailed.LastSavedAt);
        AssertSameMillisecond(InOneHour, detailed.ExpiresAt);
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64) Chrome/156", detailed.UserAgent);
        Assert.Equal("2001:db8::1", detailed.RemoteAddress);
        Assert.InRange(detailed.SizeInBytes, 4, 64);
        var bare = Assert.Single(listed, info => info.RecordId == first);
        Assert.Null(bare.UserAgent);
        Assert.Null(bare.RemoteAddress);
        Assert.True(bare.SizeInBytes > detailed.SizeInBytes, $"A record with more data reports more bytes ({bare.SizeInBytes} vs {detailed.SizeInBytes}).");
        Assert.Empty(await ListAsync("carol"));
    }

    [SkippableFact]
    public async Task Expired_and_deleted_sessions_are_not_listed()
    {
        var lasting = await CreateAsync("alice", ("a", "1"));
        var deleted = await CreateAsync("alice", ("a", "1"));
        var expiring = NewId();
        Assert.True(await Store.TryCreateAsync(expiring, new SessionRecord(Values(("a", "1")), Time.GetUtcNow().AddSeconds(5)) { UserId = "alice" }));
        await Store.DeleteAsync(deleted);
        Time.Advance(TimeSpan.FromSeconds(4.999));
        Assert.Equal(new[] { lasting, expiring }.Order(StringComparer.Ordinal), (await ListAsync("alice")).Select(info => info.RecordId).Order(StringComparer.Ordinal));

        // Not from the instant it expires, as a load would not find it.
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var listed = await ListAsync("alice");

        Assert.Equal([lasting], listed.Select(info => info.RecordId));
    }

    [SkippableFact]
    public async Task Revoking_a_live_session_deletes_it_and_names_its_user()
    {
        var revoked = await CreateAsync("alice", ("a", "1"));
        var kept = await CreateAsync("alice", ("a", "1"));

        Assert.Equal(new SessionRevokeResult(true, "alice"), await Index.RevokeAsync(revoked));

        Assert.Null(await Store.LoadRecordAsync(revoked));
        Assert.Equal([kept], (await ListAsync("alice")).Select(info => info.RecordId));
        Assert.Equal(SessionRevokeResult.NotFound, await Index.RevokeAsync(revoked));
    }

    [SkippableFact]
    public async Task Revoking_an_anonymous_session_reports_no_user()
    {
        var anonymous = await CreateAsync(userId: null, ("a", "1"));

        Assert.Equal(new SessionRevokeResult(true, null), await Index.RevokeAsync(anonymous));
        Assert.Null(await Store.LoadRecordAsync(anonymous));
    }

    [SkippableFact]
    public async Task Revoking_an_unknown_or_expired_record_id_finds_nothing()
    {
        var expiring = NewId();
        Assert.True(await Store.TryCreateAsync(expiring, new SessionRecord(Values(("a", "1")), Time.GetUtcNow().AddSeconds(5)) { UserId = "alice" }));
        Time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(SessionRevokeResult.NotFound, await Index.RevokeAsync(NewId()));
        Assert.Equal(SessionRevokeResult.NotFound, await Index.RevokeAsync(expiring));
    }

    [SkippableFact]
    public async Task Revoking_any_string_that_is_no_live_record_id_finds_nothing_and_writes_nothing()
    {
        var live = await CreateAsync("alice", ("a", "1"));
        string[] ids = [live.ToUpperInvariant(), live[..^1] + "%", live + " ", "", "not-a-record-id", "'; DELETE FROM typed_sessions; --", "a\0b", "\ud800", "*", new string('f', 10_000)];

        foreach (var id in ids)
        {
            Assert.Equal(SessionRevokeResult.NotFound, await Index.RevokeAsync(id));
        }

        Assert.Equal([live], (await ListAsync("alice")).Select(info => info.RecordId));
    }

    [SkippableFact]
    public async Task The_device_is_written_by_the_create_and_kept_by_every_update()
    {
        var id = NewId();
        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(Values(("a", "[1]")), InOneHour)
        {
            UserId = "alice",
            UserAgent = "Mozilla/5.0",
            RemoteAddress = "192.0.2.7",
        }));

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, new SessionChanges
        {
            Values = Values(("a", "[1,2]")),
            Changed = Values(("a", "[1,2]")),
            Removed = [],
            ExpiresAt = InOneHour,
            HasChanges = true,
        }));
        Assert.Equal("alice", (await Store.LoadRecordAsync(id))!.UserId);

        // A checked save (merge mode) that also moves the session to another user.
        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, new SessionChanges
        {
            Values = Values(("a", "[1,2,3]")),
            Changed = Values(("a", "[1,2,3]")),
            Removed = [],
            ExpiresAt = InOneHour,
            ExpectedValues = new Dictionary<string, string?> { ["a"] = "[1,2]" },
            UserIdChanged = true,
            UserId = "bob",
            HasChanges = true,
        }));
        var loaded = await Store.LoadRecordAsync(id);
        Assert.Equal(("bob", "Mozilla/5.0", "192.0.2.7"), (loaded!.UserId, loaded.UserAgent, loaded.RemoteAddress));
        var listed = Assert.Single(await ListAsync("bob"));
        Assert.Equal(("Mozilla/5.0", "192.0.2.7"), (listed.UserAgent, listed.RemoteAddress));
    }

    [SkippableFact]
    public async Task An_update_that_changes_the_user_moves_the_session_between_users()
    {
        var id = await CreateAsync("alice", ("a", "1"));

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, UserChange(("a", "1"), "bob")));
        Assert.Empty(await ListAsync("alice"));
        Assert.Equal([id], (await ListAsync("bob")).Select(info => info.RecordId));
        Assert.Equal("bob", (await Store.LoadRecordAsync(id))!.UserId);

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, UserChange(("a", "1"), null)));
        Assert.Empty(await ListAsync("bob"));
        Assert.Null((await Store.LoadRecordAsync(id))!.UserId);
    }

    [SkippableFact]
    public async Task An_anonymous_session_given_a_user_by_an_update_is_listed()
    {
        var id = await CreateAsync(userId: null, ("a", "1"));

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, UserChange(("a", "2"), "alice")));

        var listed = Assert.Single(await ListAsync("alice"));
        Assert.Equal(id, listed.RecordId);
    }

    [SkippableFact]
    public async Task Updates_and_touches_that_do_not_change_the_user_keep_the_session_listed_with_its_new_expiry()
    {
        var id = await CreateAsync("alice", ("a", "1"));
        var later = Time.GetUtcNow().AddHours(3);

        Assert.Equal(SessionWriteResult.Written, await Store.UpdateAsync(id, new SessionChanges
        {
            Values = Values(("a", "2")),
            Changed = Values(("a", "2")),
            Removed = [],
            ExpiresAt = InOneHour,
            HasChanges = true,
        }));
        Assert.Equal(SessionWriteResult.Written, await Store.TouchAsync(id, later));

        var listed = Assert.Single(await ListAsync("alice"));
        AssertSameMillisecond(later, listed.ExpiresAt);
        Assert.Equal("alice", (await Store.LoadRecordAsync(id))!.UserId);
    }

    [SkippableFact]
    public async Task A_user_with_more_sessions_than_a_page_gets_every_one_exactly_once()
    {
        var ids = new List<string>();
        for (var i = 0; i < 1_203; i += 50)
        {
            ids.AddRange(await Task.WhenAll(Enumerable.Range(i, Math.Min(50, 1_203 - i)).Select(_ => CreateAsync("many", ("a", "1")))));
        }

        var listed = await ListAsync("many");

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(info => info.RecordId).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Concurrent_sign_ins_of_one_user_are_all_indexed()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => CreateAsync("alice", ("a", "1")))));

        Assert.Equal(ids.Order(StringComparer.Ordinal), (await ListAsync("alice")).Select(info => info.RecordId).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task User_ids_with_any_characters_stay_apart()
    {
        string[] users = ["a:b", "a", "a*", "user 1/Zoë 🍕", "{tag}", new string('x', Session.MaxUserIdLength)];
        var byUser = new Dictionary<string, string>();
        foreach (var user in users)
        {
            byUser[user] = await CreateAsync(user, ("a", "1"));
        }

        foreach (var user in users)
        {
            Assert.Equal([byUser[user]], (await ListAsync(user)).Select(info => info.RecordId));
        }
    }

    [SkippableFact]
    public async Task A_null_user_id_record_id_or_purge_callback_throws_ArgumentNullException_naming_it()
    {
        Assert.Equal("userId", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await ListAsync(null!))).ParamName);
        Assert.Equal("recordId", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await Index.RevokeAsync(null!))).ParamName);
        var reporting = Assert.IsAssignableFrom<ISessionPurgeReporting>(Store);
        Assert.Equal("onExpired", (await Assert.ThrowsAsync<ArgumentNullException>(async () => await reporting.ClearExpiredAsync(null!))).ParamName);
    }

    [SkippableFact]
    public async Task A_purge_reports_each_expired_record_once_with_its_user()
    {
        var reporting = Assert.IsAssignableFrom<ISessionPurgeReporting>(Store);
        var alice = await CreateExpiringAsync("alice");
        var anonymous = await CreateExpiringAsync(userId: null);
        var lasting = await CreateAsync("alice", ("a", "1"));
        Time.Advance(TimeSpan.FromSeconds(6));
        var reported = new List<ExpiredSession>();

        var cleared = await reporting.ClearExpiredAsync(expired =>
        {
            lock (reported)
            {
                reported.Add(expired);
            }

            return ValueTask.CompletedTask;
        });

        Assert.Contains(new ExpiredSession(alice, "alice"), reported);
        if (PurgeReportsAnonymousRecords)
        {
            Assert.Equal(2, cleared);
            Assert.Equal(new[] { alice, anonymous }.Order(StringComparer.Ordinal), reported.Select(e => e.RecordId).Order(StringComparer.Ordinal));
            Assert.Contains(new ExpiredSession(anonymous, null), reported);
        }
        else
        {
            Assert.Equal([alice], reported.Select(e => e.RecordId));
        }

        Assert.Equal([lasting], (await ListAsync("alice")).Select(info => info.RecordId));
        reported.Clear();
        await reporting.ClearExpiredAsync(expired =>
        {
            reported.Add(expired);
            return ValueTask.CompletedTask;
        });
        Assert.Empty(reported);
    }

    protected DateTimeOffset InOneHour => Time.GetUtcNow().AddHours(1);

    protected static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    protected async Task<string> CreateAsync(string? userId, params (string Key, string Json)[] values)
    {
        var id = NewId();
        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(Values(values), InOneHour) { UserId = userId, CreatedAt = Time.GetUtcNow() }));
        return id;
    }

    protected async Task<List<SessionInfo>> ListAsync(string userId)
    {
        var listed = new List<SessionInfo>();
        await foreach (var info in Index.ListUserSessionsAsync(userId))
        {
            listed.Add(info);
        }

        return listed;
    }

    private async Task<string> CreateExpiringAsync(string? userId)
    {
        var id = NewId();
        Assert.True(await Store.TryCreateAsync(id, new SessionRecord(Values(("a", "1")), Time.GetUtcNow().AddSeconds(5)) { UserId = userId }));
        return id;
    }

    private SessionChanges UserChange((string Key, string Json) value, string? userId) => new()
    {
        Values = Values(value),
        Changed = Values(value),
        Removed = [],
        ExpiresAt = InOneHour,
        UserIdChanged = true,
        UserId = userId,
        HasChanges = true,
    };

    private static Dictionary<string, string> Values(params (string Key, string Json)[] values)
        => values.ToDictionary(pair => pair.Key, pair => pair.Json, StringComparer.Ordinal);

    private static void AssertSameMillisecond(DateTimeOffset expected, DateTimeOffset? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ToUnixTimeMilliseconds(), actual.Value.ToUnixTimeMilliseconds());
    }
}
