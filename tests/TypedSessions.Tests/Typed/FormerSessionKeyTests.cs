using TypedSessions.Tests.Infrastructure;

// Several tests look at what a save would write without saving it.
#pragma warning disable TS0101

namespace TypedSessions.Tests.Typed;

/// <summary>
/// <see cref="FormerSessionKeyAttribute"/> over a real session: former keys are read when the key is missing, and the
/// value moves to the new key only with a save made for another reason, in that one write.
/// </summary>
public sealed class FormerSessionKeyTests : IAsyncLifetime
{
    private SessionServices _services = null!;

    public Task InitializeAsync()
    {
        _services = new SessionServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_former_key_is_read_when_the_key_is_missing()
    {
        var session = await StoredAsync(("Cart.Items", new List<string> { "tea", "milk" }));

        Assert.Equal(["tea", "milk"], session.GetState<RenamedCart>().Lines);
    }

    [Fact]
    public async Task Former_keys_are_read_in_the_order_declared()
    {
        var both = await StoredAsync(("legacy.count", 1), ("Cart.Count", 2));
        var onlySecond = await StoredAsync(("legacy.count", 1));

        Assert.Equal(2, both.GetState<RenamedCart>().Quantity);
        Assert.Equal(1, onlySecond.GetState<RenamedCart>().Quantity);
    }

    [Fact]
    public async Task A_former_value_that_does_not_read_falls_through_to_the_next_then_to_the_default()
    {
        var next = await StoredAsync(("Cart.Count", "three"), ("legacy.count", 3));
        var none = await StoredAsync(("Cart.Count", "three"), ("legacy.count", new[] { 1 }));
        var noList = await StoredAsync(("Cart.Items", 42));

        Assert.Equal(3, next.GetState<RenamedCart>().Quantity);
        Assert.Equal(0, none.GetState<RenamedCart>().Quantity);
        Assert.Empty(noList.GetState<RenamedCart>().Lines);
        Assert.False(next.IsModified || none.IsModified || noList.IsModified);
    }

    [Fact]
    public async Task A_stand_in_filled_in_place_is_saved_and_an_unreadable_former_value_goes_with_it()
    {
        var session = await StoredAsync(("Cart.Items", 42));

        session.GetState<RenamedCart>().Lines.Add("tea");

        Assert.True(session.IsModified);
        var reloaded = await ReopenAsync(session);
        Assert.Equal(["Cart.Lines"], StoredKeys(reloaded));
        Assert.Equal(["tea"], reloaded.GetState<RenamedCart>().Lines);
    }

    [Fact]
    public async Task The_new_key_wins_and_the_former_key_goes_with_the_next_save()
    {
        var session = await StoredAsync(("Cart.Lines", new List<string> { "new" }), ("Cart.Items", new List<string> { "old" }));

        Assert.Equal(["new"], session.GetState<RenamedCart>().Lines);
        Assert.False(session.IsModified);
        session.GetState<RenamedCart>().Note = "gift";
        var reloaded = await ReopenAsync(session);

        Assert.Equal(["Cart.Lines", "Cart.Note"], StoredKeys(reloaded));
        Assert.Equal(["new"], reloaded.GetState<RenamedCart>().Lines);
    }

    [Fact]
    public async Task A_session_only_read_is_not_written()
    {
        var session = await StoredAsync(("Cart.Items", new List<string> { "tea" }), ("Cart.Count", 2));
        var state = session.GetState<RenamedCart>();
        Assert.Equal(["tea"], state.Lines);
        Assert.Equal(2, state.Quantity);

        Assert.False(session.IsModified);
        Assert.False(session.GetChanges().HasChanges);
        Assert.Empty(session.GetChanges().Changed);
        Assert.Empty(session.GetChanges().Removed);

        // An explicit save of an unchanged session only moves its expiry: the record keeps the former keys.
        _services.Store.Reset();
        await session.SaveAsync();
        Assert.Equal(["Touch"], _services.Store.Writes);
        var reloaded = await _services.Manager.OpenAsync(session.Key);
        Assert.Equal(["Cart.Count", "Cart.Items"], StoredKeys(reloaded));
    }

    [Fact]
    public async Task The_next_save_for_another_reason_moves_the_value_in_one_write()
    {
        var session = await StoredAsync(("Cart.Items", new List<string> { "tea" }), ("Cart.Count", 2));
        Assert.Equal(["tea"], session.GetState<RenamedCart>().Lines);
        await session.SaveAsync();
        session.GetState<RenamedCart>().Note = "gift";

        _services.Store.Reset();
        await session.SaveAsync();

        Assert.Equal(["Update"], _services.Store.Writes);
        var update = _services.Store.LastUpdate!;
        Assert.Equal(["Cart.Lines", "Cart.Note"], update.Changed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Cart.Items"], update.Removed);
        var reloaded = await _services.Manager.OpenAsync(session.Key);
        Assert.Equal(["Cart.Count", "Cart.Lines", "Cart.Note"], StoredKeys(reloaded));
        Assert.Equal(["tea"], reloaded.GetState<RenamedCart>().Lines);
        Assert.False(reloaded.IsModified);
    }

    [Fact]
    public async Task MarkModified_writes_the_move()
    {
        var session = await StoredAsync(("Cart.Tag", "gift"));
        Assert.Equal("gift", session.GetState<RenamedCart>().Label);

        session.MarkModified();
        var reloaded = await ReopenAsync(session);

        Assert.Equal(["Cart.Label"], StoredKeys(reloaded));
        Assert.Equal("gift", reloaded.GetState<RenamedCart>().Label);
    }

    [Fact]
    public async Task A_moved_value_changed_in_place_is_a_change_and_is_saved_under_the_new_key()
    {
        var session = await StoredAsync(("Cart.Items", new List<string> { "tea" }));

        session.GetState<RenamedCart>().Lines.Add("milk");

        Assert.True(session.IsModified);
        var reloaded = await ReopenAsync(session);
        Assert.Equal(["Cart.Lines"], StoredKeys(reloaded));
        Assert.Equal(["tea", "milk"], reloaded.GetState<RenamedCart>().Lines);
    }

    [Fact]
    public async Task The_setter_removes_the_former_keys_with_the_next_save()
    {
        var session = await StoredAsync(("Cart.Count", 2), ("legacy.count", 1));

        session.GetState<RenamedCart>().Quantity = 5;
        var reloaded = await ReopenAsync(session);

        Assert.Equal(["Cart.Quantity"], StoredKeys(reloaded));
        Assert.Equal(5, reloaded.GetState<RenamedCart>().Quantity);
    }

    [Fact]
    public async Task Setting_the_value_the_former_key_held_after_reading_it_changes_nothing()
    {
        var session = await StoredAsync(("Cart.Count", 2));
        var state = session.GetState<RenamedCart>();

        state.Quantity = state.Quantity + 1;
        Assert.True(session.IsModified);
        state.Quantity = 2;

        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task After_the_read_the_session_shows_the_value_under_the_new_key_only()
    {
        var session = await StoredAsync(("Cart.Items", new List<string> { "tea" }), ("Other", 1));
        Assert.True(session.ContainsKey("Cart.Items"));

        _ = session.GetState<RenamedCart>().Lines;

        Assert.Equal(["Cart.Lines", "Other"], session.Keys.Order(StringComparer.Ordinal));
        Assert.True(session.ContainsKey("Cart.Lines"));
        Assert.False(session.ContainsKey("Cart.Items"));
        Assert.Equal(["Cart.Lines", "Other"], session.ToDictionary().Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["tea"], session.Get<List<string>>("Cart.Lines"));
        Assert.Null(session.Get<List<string>>("Cart.Items"));
    }

    [Fact]
    public async Task Removing_the_moved_value_is_a_change_that_removes_the_former_key()
    {
        var session = await StoredAsync(("Cart.Items", new List<string> { "tea" }), ("Other", 1));
        _ = session.GetState<RenamedCart>().Lines;

        Assert.True(session.Remove("Cart.Lines"));

        Assert.True(session.IsModified);
        var reloaded = await ReopenAsync(session);
        Assert.Equal(["Other"], StoredKeys(reloaded));
    }

    [Fact]
    public async Task A_move_expects_the_new_key_absent_and_the_former_key_as_loaded()
    {
        await using var services = new SessionServices(configure: options => options.Concurrency = SessionConcurrency.Optimistic);
        var session = await services.Manager.OpenAsync(await SeedAsync(services, ("Cart.Items", new List<string> { "tea" })));
        _ = session.GetState<RenamedCart>().Lines;

        session.GetState<RenamedCart>().Note = "gift";
        await session.SaveAsync();

        var expected = services.Store.LastUpdate!.ExpectedValues!;
        Assert.Null(expected["Cart.Lines"]);
        Assert.Equal("""["tea"]""", expected["Cart.Items"]);
        Assert.Null(expected["Cart.Note"]);
    }

    [Fact]
    public async Task A_concurrent_change_of_the_former_key_fails_an_optimistic_move()
    {
        await using var services = new SessionServices(configure: options => options.Concurrency = SessionConcurrency.Optimistic);
        var key = await SeedAsync(services, ("Cart.Items", new List<string> { "tea" }));
        var renamed = await services.Manager.OpenAsync(key);
        var earlier = await services.Manager.OpenAsync(key);

        _ = renamed.GetState<RenamedCart>().Lines;
        earlier.Set("Cart.Items", new List<string> { "tea", "milk" });
        await earlier.SaveAsync();
        renamed.GetState<RenamedCart>().Note = "gift";

        var conflict = await Assert.ThrowsAsync<SessionConflictException>(() => renamed.SaveAsync().AsTask());
        Assert.Contains("Cart.Items", conflict.Keys);
    }

    [Fact]
    public async Task Two_requests_that_both_move_and_change_a_list_merge()
    {
        await using var services = new SessionServices(configure: options => options.Concurrency = SessionConcurrency.Merge);
        var key = await SeedAsync(services, ("Cart.Items", new List<string> { "tea" }));
        var first = await services.Manager.OpenAsync(key);
        var second = await services.Manager.OpenAsync(key);

        first.GetState<RenamedCart>().Lines.Add("milk");
        second.GetState<RenamedCart>().Lines.Add("bread");
        await first.SaveAsync();
        await second.SaveAsync();

        var reloaded = await services.Manager.OpenAsync(key);
        Assert.Equal(["Cart.Lines"], StoredKeys(reloaded));
        Assert.Equal(["tea", "milk", "bread"], reloaded.GetState<RenamedCart>().Lines);
    }

    [Fact]
    public async Task A_key_cycle_without_changes_leaves_the_move_pending()
    {
        var session = await StoredAsync(("Cart.Items", new List<string> { "tea" }));
        _ = session.GetState<RenamedCart>().Lines;

        await session.CycleKeyAsync();

        Assert.False(session.IsModified);
        Assert.Equal(["Cart.Items"], StoredKeys(await _services.Manager.OpenAsync(session.Key)));
        session.GetState<RenamedCart>().Note = "gift";
        var reloaded = await ReopenAsync(session);
        Assert.Equal(["Cart.Lines", "Cart.Note"], StoredKeys(reloaded));
    }

    [Fact]
    public async Task A_value_set_again_after_the_move_was_saved_is_an_ordinary_change()
    {
        var session = await StoredAsync(("Cart.Tag", "gift"));
        _ = session.GetState<RenamedCart>().Label;
        session.MarkModified();
        await session.SaveAsync();

        session.GetState<RenamedCart>().Label = "gift";
        Assert.False(session.IsModified);
        session.GetState<RenamedCart>().Label = "card";

        Assert.True(session.IsModified);
        Assert.Equal("card", (await ReopenAsync(session)).GetState<RenamedCart>().Label);
    }

    // A session stored by an earlier deployment, freshly loaded.
    private async Task<Session> StoredAsync(params (string Key, object Value)[] values)
        => await _services.Manager.OpenAsync(await SeedAsync(_services, values));

    // Stores the values as an earlier deployment did, and returns the session's key.
    private static async Task<string> SeedAsync(SessionServices services, params (string Key, object Value)[] values)
    {
        var session = await services.Manager.OpenAsync(null);
        foreach (var (key, value) in values)
        {
            session.Set(key, value);
        }

        await session.SaveAsync();
        return session.Key!;
    }

    private async Task<Session> ReopenAsync(Session session)
    {
        await session.SaveAsync();
        return await _services.Manager.OpenAsync(session.Key);
    }

    // The keys as stored, read before any property moves them.
    private static string[] StoredKeys(Session loaded) => [.. loaded.Keys.Where(key => key != Session.ExpiryKey).Order(StringComparer.Ordinal)];
}
