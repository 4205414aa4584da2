using TypedSessions.Tests.Infrastructure;
using TypedSessions.Tests.Typed;

namespace TypedSessions.Tests.Sessions;

/// <summary>
/// After a save, what the session holds is what the store holds: a later save in the same request writes only what
/// changed since, a key move is written once, and values that were never read or were handed out before the save stay.
/// </summary>
public sealed class SessionSaveTrackingTests : IAsyncLifetime
{
    private readonly SessionServices _services = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_second_save_in_one_request_writes_only_what_changed_since_the_first()
    {
        var session = await StoredAsync(("name", "ada"), ("gone", 1));
        session.Set("count", 1);
        session.Set("name", "grace");
        session.Remove("gone");
        await session.SaveAsync();

        session.Set("name", "hopper");
        _services.Store.Reset();
        await session.SaveAsync();

        Assert.Equal(["Update"], _services.Store.Writes);
        var update = _services.Store.LastUpdate!;
        Assert.Equal(new Dictionary<string, string> { ["name"] = "\"hopper\"" }, update.Changed);
        Assert.Empty(update.Removed);
        var reloaded = await _services.Manager.OpenAsync(session.Key);
        Assert.Equal(["count", "name", "seeded"], reloaded.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("hopper", reloaded.Get<string>("name"));
    }

    [Fact]
    public async Task A_former_key_move_written_by_the_first_save_is_not_written_again()
    {
        var session = await StoredAsync(("Cart.Items", new List<string> { "tea" }));
        var cart = session.GetState<RenamedCart>();
        Assert.Equal(["tea"], cart.Lines);
        cart.Note = "gift";
        await session.SaveAsync();
        Assert.Equal(["Cart.Lines", "Cart.Note"], _services.Store.LastUpdate!.Changed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["Cart.Items"], _services.Store.LastUpdate.Removed);

        cart.Note = "card";
        _services.Store.Reset();
        await session.SaveAsync();

        Assert.Equal(["Update"], _services.Store.Writes);
        var update = _services.Store.LastUpdate!;
        Assert.Equal(new Dictionary<string, string> { ["Cart.Note"] = "\"card\"" }, update.Changed);
        Assert.Empty(update.Removed);
        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task A_stored_value_never_read_before_a_save_still_reads_after_it()
    {
        var session = await StoredAsync(("name", "ada"), ("count", 3));

        session.Set("colour", "teal");
        await session.SaveAsync();

        Assert.Equal("ada", session.Get<string>("name"));
        Assert.Equal(3, session.Get<int>("count"));
        Assert.Equal("teal", session.Get<string>("colour"));
        Assert.Equal(["colour", "count", "name", "seeded"], session.Keys.Order(StringComparer.Ordinal));
        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task A_list_handed_out_for_a_missing_key_and_filled_after_a_save_is_written_by_the_next_save()
    {
        var session = await StoredAsync();
        var items = session.GetState<Basket>().Items;
        session.Set("colour", "teal");
        await session.SaveAsync();

        items.Add("tea");

        Assert.True(session.IsModified);
        _services.Store.Reset();
        await session.SaveAsync();
        Assert.Equal(["Update"], _services.Store.Writes);
        Assert.Equal(new Dictionary<string, string> { ["Basket.Items"] = """["tea"]""" }, _services.Store.LastUpdate!.Changed);
        Assert.Equal(["tea"], (await _services.Manager.OpenAsync(session.Key)).GetState<Basket>().Items);
    }

    // A stored session with these values (and "seeded"), freshly loaded as a request loads it.
    private async Task<Session> StoredAsync(params (string Key, object Value)[] values)
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.Set("seeded", true);
        foreach (var (key, value) in values)
        {
            seeded.Set(key, value);
        }

        await seeded.SaveAsync();
        _services.Store.Reset();
        return await _services.Manager.OpenAsync(seeded.Key);
    }
}
