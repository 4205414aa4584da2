using System.Text.Json;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Parity;

/// <summary>
/// Django's <c>SessionTestsMixin</c> (tests/sessions_tests/tests.py), ported test by test and run against every store
/// of this assembly. Where our design deliberately differs the test name says so.
/// </summary>
public abstract class SessionParityTests : IAsyncLifetime
{
    private SessionServices _services = null!;

    protected SessionServices Services => _services;

    protected ISessionManager Manager => _services.Manager;

    /// <summary>The store under test, or null for the default memory store.</summary>
    protected abstract Func<IServiceProvider, ISessionRecordStore>? StoreFactory { get; }

    public virtual Task InitializeAsync()
    {
        _services = CreateServices();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync() => await _services.DisposeAsync();

    protected SessionServices CreateServices(Action<TypedSessionsOptions>? configure = null) => new(StoreFactory, configure);

    private async Task<Session> NewSessionAsync() => await Manager.OpenAsync(null);

    // Django resets the flags between steps; re-opening the saved session is our equivalent.
    private async Task<Session> SavedAndReopenedAsync(Action<Session> arrange)
    {
        var session = await NewSessionAsync();
        arrange(session);
        await session.SaveAsync();
        return await Manager.OpenAsync(session.Key);
    }

    [Fact]
    public async Task New_session_is_neither_modified_nor_accessed()
    {
        var session = await NewSessionAsync();
        Assert.False(session.IsModified);
        Assert.False(session.IsAccessed);
    }

    [Fact]
    public async Task Get_of_missing_key_returns_null()
    {
        var session = await NewSessionAsync();
        Assert.Null(session.Get<string>("cat"));
    }

    [Fact]
    public async Task Store_marks_modified_and_pop_returns_value()
    {
        var session = await NewSessionAsync();
        session.Set("cat", "dog");
        Assert.True(session.IsModified);
        Assert.Equal("dog", session.Pop<string>("cat"));
    }

    [Fact]
    public async Task Pop_returns_value_marks_accessed_and_modified_and_removes_key()
    {
        var session = await SavedAndReopenedAsync(s => s.Set("some key", "exists"));
        Assert.Equal("exists", session.Pop<string>("some key"));
        Assert.True(session.IsAccessed);
        Assert.True(session.IsModified);
        Assert.Null(session.Get<string>("some key"));
    }

    [Fact]
    public async Task Pop_default_of_missing_key_accesses_but_does_not_modify()
    {
        var session = await NewSessionAsync();
        Assert.Equal("does not exist", session.Pop("some key", "does not exist"));
        Assert.True(session.IsAccessed);
        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task Pop_default_named_argument_accesses_but_does_not_modify()
    {
        var session = await NewSessionAsync();
        Assert.Equal("does not exist", session.Pop(key: "some key", defaultValue: "does not exist"));
        Assert.True(session.IsAccessed);
        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task Pop_of_missing_key_without_default_throws_KeyNotFoundException()
    {
        var session = await NewSessionAsync();
        Assert.Throws<KeyNotFoundException>(() => session.Pop<string>("some key"));
    }

    [Fact]
    public async Task SetDefault_sets_once_and_then_returns_existing()
    {
        var session = await NewSessionAsync();
        Assert.Equal("bar", session.SetDefault("foo", "bar"));
        Assert.Equal("bar", session.SetDefault("foo", "baz"));
        Assert.True(session.IsAccessed);
        Assert.True(session.IsModified);
    }

    [Fact]
    public async Task ContainsKey_accesses_without_modifying()
    {
        var session = await SavedAndReopenedAsync(s => s.Set("some key", 1));
        Assert.True(session.ContainsKey("some key"));
        Assert.True(session.IsAccessed);
        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task Values_of_empty_session_are_empty_and_access_it()
    {
        var session = await NewSessionAsync();
        Assert.Empty(session.ToDictionary().Values);
        Assert.True(session.IsAccessed);
    }

    [Fact]
    public async Task Values_access_without_modifying()
    {
        var session = await SavedAndReopenedAsync(s => s.Set("some key", 1));
        Assert.Equal([1], session.ToDictionary().Values.Select(value => value.GetInt32()));
        Assert.True(session.IsAccessed);
        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task Keys_access_without_modifying()
    {
        var session = await SavedAndReopenedAsync(s => s.Set("x", 1));
        Assert.Equal(["x"], session.Keys);
        Assert.True(session.IsAccessed);
        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task Items_access_without_modifying()
    {
        var session = await SavedAndReopenedAsync(s => s.Set("x", 1));
        var item = Assert.Single(session.ToDictionary());
        Assert.Equal("x", item.Key);
        Assert.Equal(1, item.Value.GetInt32());
        Assert.True(session.IsAccessed);
        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task Clear_empties_and_marks_accessed_and_modified()
    {
        var session = await SavedAndReopenedAsync(s => s.Set("x", 1));
        session.Clear();
        Assert.Empty(session.ToDictionary());
        Assert.True(session.IsAccessed);
        Assert.True(session.IsModified);
    }

    [Fact]
    public async Task Save_makes_the_session_exist()
    {
        var session = await NewSessionAsync();
        await session.SaveAsync();
        Assert.True(await Manager.ExistsAsync(session.Key!));
    }

    [Fact]
    public async Task Delete_removes_a_saved_session()
    {
        var session = await NewSessionAsync();
        await session.SaveAsync();
        await Manager.DeleteAsync(session.Key!);
        Assert.False(await Manager.ExistsAsync(session.Key!));
    }

    [Fact]
    public async Task Flush_deletes_the_record_and_forgets_the_key()
    {
        var session = await NewSessionAsync();
        session.Set("foo", "bar");
        await session.SaveAsync();
        var previousKey = session.Key!;

        await session.FlushAsync();

        Assert.False(await Manager.ExistsAsync(previousKey));
        Assert.Null(session.Key);
        Assert.True(session.IsModified);
        Assert.True(session.IsAccessed);
    }

    [Fact]
    public async Task CycleKey_moves_data_to_a_new_key_and_deletes_the_old_record()
    {
        var session = await NewSessionAsync();
        session.Set("a", "c");
        session.Set("b", "d");
        await session.SaveAsync();
        var previousKey = session.Key!;
        var previousItems = Items(session);

        await session.CycleKeyAsync();

        Assert.False(await Manager.ExistsAsync(previousKey));
        Assert.NotEqual(previousKey, session.Key);
        Assert.Equal(previousItems, Items(session));
        Assert.Equal(previousItems, Items((await Manager.OpenAsync(session.Key))));
    }

    [Fact]
    public async Task CycleKey_of_a_reopened_session_keeps_its_data()
    {
        var saved = await NewSessionAsync();
        saved.Set("a", "c");
        saved.Set("b", "d");
        await saved.SaveAsync();

        var reopened = await Manager.OpenAsync(saved.Key);
        await reopened.CycleKeyAsync();

        Assert.Equal(Items(saved), Items(reopened));
    }

    [Fact]
    public async Task Save_does_not_clear_data()
    {
        var session = await NewSessionAsync();
        session.Set("a", "b");
        await session.SaveAsync();
        Assert.Equal("b", session.Get<string>("a"));
    }

    [Fact]
    public async Task Save_of_session_opened_with_invalid_key_issues_a_new_key()
    {
        var session = await Manager.OpenAsync("1");
        await session.SaveAsync();
        Assert.NotEqual("1", session.Key);
        Assert.Null(session.Get<string>("cat"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567")]
    public async Task Short_session_key_is_invalid(string key)
    {
        var session = await Manager.OpenAsync(key);
        Assert.Null(session.Key);
        Assert.Empty(Services.Store.Calls);
    }

    [Fact]
    public async Task Eight_character_key_is_invalid_here_because_only_issued_32_character_keys_are_accepted()
    {
        var session = await Manager.OpenAsync("12345678");
        Assert.Null(session.Key);
        Assert.Empty(Services.Store.Calls);
    }

    [Fact]
    public void Session_key_is_read_only()
        => Assert.False(typeof(Session).GetProperty(nameof(Session.Key))!.CanWrite);

    [Fact]
    public async Task Default_expiry_is_the_lifetime_even_at_browser_close()
    {
        var session = await NewSessionAsync();
        Assert.Equal(TypedSessionsOptions.DefaultLifetime, session.ExpiryAge);
        session.ExpireAtBrowserClose();
        Assert.Equal(TypedSessionsOptions.DefaultLifetime, session.ExpiryAge);
    }

    [Fact]
    public async Task Custom_expiry_in_seconds_sets_age_and_date()
    {
        var session = await NewSessionAsync();
        session.SetExpiry(TimeSpan.FromSeconds(10));
        Assert.Equal(SessionServices.Start.AddSeconds(10), session.ExpiryDate);
        Assert.Equal(TimeSpan.FromSeconds(10), session.ExpiryAge);
    }

    [Fact]
    public async Task Custom_expiry_is_counted_from_the_time_of_the_question()
    {
        var session = await NewSessionAsync();
        session.SetExpiry(TimeSpan.FromSeconds(10));
        Services.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(SessionServices.Start.AddSeconds(15), session.ExpiryDate);
        Assert.Equal(TimeSpan.FromSeconds(10), session.ExpiryAge);
    }

    [Fact]
    public async Task Custom_expiry_date_sets_age_and_date()
    {
        var session = await NewSessionAsync();
        session.SetExpiry(SessionServices.Start.AddSeconds(10));
        Assert.Equal(SessionServices.Start.AddSeconds(10), session.ExpiryDate);
        Assert.Equal(TimeSpan.FromSeconds(10), session.ExpiryAge);
    }

    [Fact]
    public async Task Reset_expiry_returns_to_the_lifetime()
    {
        var session = await NewSessionAsync();
        session.ResetExpiry();
        session.SetExpiry(TimeSpan.FromSeconds(10));
        session.ResetExpiry();
        Assert.Equal(TypedSessionsOptions.DefaultLifetime, session.ExpiryAge);
    }

    [Fact]
    public async Task Expire_at_browser_close_follows_the_session_then_the_option_when_option_is_off()
    {
        var session = await NewSessionAsync();
        session.SetExpiry(TimeSpan.FromSeconds(10));
        Assert.False(session.ExpiresAtBrowserClose);
        session.ExpireAtBrowserClose();
        Assert.True(session.ExpiresAtBrowserClose);
        session.ResetExpiry();
        Assert.False(session.ExpiresAtBrowserClose);
    }

    [Fact]
    public async Task Expire_at_browser_close_follows_the_session_then_the_option_when_option_is_on()
    {
        await using var services = CreateServices(options => options.ExpireAtBrowserClose = true);
        var session = await services.Manager.OpenAsync(null);
#pragma warning disable TS0101 // Only the unsaved expiry policy is under test.
        session.SetExpiry(TimeSpan.FromSeconds(10));
        Assert.False(session.ExpiresAtBrowserClose);
        session.ExpireAtBrowserClose();
        Assert.True(session.ExpiresAtBrowserClose);
        session.ResetExpiry();
#pragma warning restore TS0101
        Assert.True(session.ExpiresAtBrowserClose);
    }

    [Fact]
    public async Task Decode_round_trips_an_encoded_session()
    {
        var session = await NewSessionAsync();
        session.Set("a test key", "a test value");
        await session.SaveAsync();

        var decoded = await Manager.DecodeAsync(session.Key!);

        Assert.Equal("a test value", Assert.Contains("a test key", decoded!).GetString());
    }

    [Fact]
    public async Task Expired_record_is_never_loaded()
    {
        var session = await NewSessionAsync();
        session.Set("foo", "bar");
        session.SetExpiry(TimeSpan.FromSeconds(-10));
        await session.SaveAsync();

        var reopened = await Manager.OpenAsync(session.Key);

        Assert.False(reopened.ContainsKey("foo"));
        Assert.Null(reopened.Key);
    }

    [Fact]
    public async Task Loading_an_unknown_key_creates_no_record()
    {
        var session = await Manager.OpenAsync("someunknownkeysomeunknownkey0000");
        Assert.Null(session.Key);
        Assert.False(await Manager.ExistsAsync("someunknownkeysomeunknownkey0000"));
        Assert.DoesNotContain(Services.Store.Calls, call => call is "Create" or "Update");
    }

    [Fact]
    public async Task Save_does_not_resurrect_a_session_deleted_in_another_context()
    {
        var first = await NewSessionAsync();
        first.Set("test_data", "value1");
        await first.SaveAsync();
        var second = await Manager.OpenAsync(first.Key);
        await second.FlushAsync();

        first.Set("test_data", "value2");

        await Assert.ThrowsAsync<SessionInterruptedException>(() => first.SaveAsync().AsTask());
        Assert.Empty((await Manager.OpenAsync(first.Key)).Keys);
    }

    [Fact]
    public async Task Decoded_row_holds_the_saved_values()
    {
        var session = await NewSessionAsync();
        session.Set("x", 1);
        await session.SaveAsync();
        var decoded = await Manager.DecodeAsync(session.Key!);
        Assert.Equal(1, Assert.Single(decoded!).Value.GetInt32());
    }

    [Fact]
    public async Task Clear_expired_deletes_only_expired_sessions()
    {
        var live = await NewSessionAsync();
        live.SetExpiry(TimeSpan.FromHours(1));
        await live.SaveAsync();
        var expired = await NewSessionAsync();
        expired.SetExpiry(TimeSpan.FromHours(-1));
        await expired.SaveAsync();

        Assert.Equal(1, await Manager.ClearExpiredAsync());

        Assert.True(await Manager.ExistsAsync(live.Key!));
        Assert.Equal(0, await Manager.ClearExpiredAsync());
    }

    [Fact]
    public async Task Test_cookie_round_trip()
    {
        var session = await NewSessionAsync();
        Assert.False(session.ContainsKey(Session.TestCookieKey));
        session.SetTestCookie();
        Assert.True(session.TestCookieWorked());
        session.DeleteTestCookie();
        Assert.False(session.ContainsKey(Session.TestCookieKey));
    }

    [Fact]
    public async Task Fresh_session_is_empty_and_data_makes_it_non_empty()
    {
        var session = await NewSessionAsync();
        Assert.True(session.IsEmpty);
        session.Set("k", "v");
        Assert.False(session.IsEmpty);
        session.Clear();
        Assert.True(session.IsEmpty);
    }

    [Fact]
    public void Unloaded_session_with_a_well_formed_key_is_not_empty()
    {
        var engine = (Engine.SessionEngine)Services.Provider.GetService(typeof(Engine.SessionEngine))!;
        Assert.False(engine.CreateUnloaded("abcdefghijklmnopqrstuvwxyz012345").IsEmpty);
        Assert.True(engine.CreateUnloaded("malformed").IsEmpty);
        Assert.Empty(Services.Store.Calls);
    }

    [Fact]
    public async Task Saved_session_with_no_data_is_not_empty()
    {
        var session = await NewSessionAsync();
        await session.SaveAsync();
        var reopened = await Manager.OpenAsync(session.Key);
        Assert.False(reopened.IsEmpty);
    }

    [Fact]
    public async Task Generated_key_is_32_lowercase_alphanumerics()
    {
        var session = await NewSessionAsync();
        await session.SaveAsync();
        Assert.Matches("^[a-z0-9]{32}$", session.Key);
    }

    [Fact]
    public async Task Two_sessions_opened_before_either_saves_keep_both_changes_to_different_keys_where_Django_loses_one()
    {
        var seed = await NewSessionAsync();
        seed.Set("n", 0);
        await seed.SaveAsync();
        var a = await Manager.OpenAsync(seed.Key);
        var b = await Manager.OpenAsync(seed.Key);

        a.Set("x", 1);
        b.Set("y", 2);
        await a.SaveAsync();
        await b.SaveAsync();

        var final = await Manager.OpenAsync(seed.Key);
        Assert.Equal(["n", "x", "y"], final.Keys.Order());
    }

    [Fact]
    public async Task Store_never_sees_the_raw_key()
    {
        var session = await NewSessionAsync();
        session.Set("a", 1);
        await session.SaveAsync();
        await Manager.OpenAsync(session.Key);

        Assert.NotEmpty(Services.Store.RecordIds);
        Assert.All(Services.Store.RecordIds, id => Assert.NotEqual(session.Key, id));
        Assert.All(Services.Store.RecordIds, id => Assert.Matches("^[0-9a-f]{64}$", id));
    }

    private static Dictionary<string, string> Items(Session session)
        => session.ToDictionary().ToDictionary(pair => pair.Key, pair => pair.Value.GetRawText());
}
