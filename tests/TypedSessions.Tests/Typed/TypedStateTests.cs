using TypedSessions.Tests.Infrastructure;

// Several tests inspect the stored form of a change without saving it; losing that change is the point (TS0101).
#pragma warning disable TS0101

namespace TypedSessions.Tests.Typed;

/// <summary>Generated properties over a real session: keys, change tracking, in-place mutations and damaged values.</summary>
public sealed class TypedStateTests : IAsyncLifetime
{
    private SessionServices _services = null!;

    public Task InitializeAsync()
    {
        _services = new SessionServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private async Task<Session> ReopenAsync(Session session)
    {
        await session.SaveAsync();
        return await _services.Manager.OpenAsync(session.Key);
    }

    [Fact]
    public async Task Default_key_is_class_name_dot_property_name()
    {
        var session = await _services.Manager.OpenAsync(null);
        session.GetState<Basket>().Count = 3;
        Assert.Equal(3, session.Get<int>("Basket.Count"));
    }

    [Fact]
    public async Task SessionKey_names_the_stored_key_exactly()
    {
        var session = await _services.Manager.OpenAsync(null);
        session.GetState<Basket>().Currency = "EUR";
        Assert.Equal(["cur"], session.Keys);
    }

    [Fact]
    public async Task Prefix_replaces_the_class_name_and_empty_prefix_stores_bare_names()
    {
        var session = await _services.Manager.OpenAsync(null);
        session.GetState<Preferences>().DarkMode = true;
        session.GetState<Bare>().Visits = 1;
        session.GetState<Outer.Inner>().Value = 2;
        Assert.Equal(["Outer.Inner.Value", "Visits", "prefs.DarkMode"], session.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_common_type_round_trips_through_the_store()
    {
        var session = await _services.Manager.OpenAsync(null);
        var state = session.GetState<Everything>();
        var id = Guid.NewGuid();
        var when = new DateTime(2026, 11, 25, 10, 30, 15, DateTimeKind.Utc);
        var at = new DateTimeOffset(2026, 11, 25, 10, 30, 15, TimeSpan.FromHours(2));
        state.Flag = true;
        state.Byte = 200;
        state.Short = -12_345;
        state.Long = long.MinValue;
        state.ULong = ulong.MaxValue;
        state.Float = 1.5f;
        state.Double = Math.PI;
        state.Money = 1234.5678m;
        state.Letter = 'λ';
        state.Name = "Zoë 🚀";
        state.Id = id;
        state.When = when;
        state.At = at;
        state.Duration = TimeSpan.FromMinutes(90.5);
        state.Day = new DateOnly(2026, 2, 28);
        state.Time = new TimeOnly(23, 59, 58, 123);
        state.Priority = Priority.High;
        state.MaybeNumber = 7;
        state.MaybePriority = null;
        state.Numbers = [1, 2, 3];
        state.Words = ["a", null, "c"];
        state.Scores = new Dictionary<string, int> { ["ada"] = 10 };

        var loaded = (await ReopenAsync(session)).GetState<Everything>();

        Assert.True(loaded.Flag);
        Assert.Equal(200, loaded.Byte);
        Assert.Equal(-12_345, loaded.Short);
        Assert.Equal(long.MinValue, loaded.Long);
        Assert.Equal(ulong.MaxValue, loaded.ULong);
        Assert.Equal(1.5f, loaded.Float);
        Assert.Equal(Math.PI, loaded.Double);
        Assert.Equal(1234.5678m, loaded.Money);
        Assert.Equal('λ', loaded.Letter);
        Assert.Equal("Zoë 🚀", loaded.Name);
        Assert.Equal(id, loaded.Id);
        Assert.Equal(when, loaded.When);
        Assert.Equal(DateTimeKind.Utc, loaded.When.Kind);
        Assert.Equal(at, loaded.At);
        Assert.Equal(at.Offset, loaded.At.Offset);
        Assert.Equal(TimeSpan.FromMinutes(90.5), loaded.Duration);
        Assert.Equal(new DateOnly(2026, 2, 28), loaded.Day);
        Assert.Equal(new TimeOnly(23, 59, 58, 123), loaded.Time);
        Assert.Equal(Priority.High, loaded.Priority);
        Assert.Equal(7, loaded.MaybeNumber);
        Assert.Null(loaded.MaybePriority);
        Assert.Equal([1, 2, 3], loaded.Numbers);
        Assert.Equal(["a", null, "c"], loaded.Words);
        Assert.Equal(10, loaded.Scores["ada"]);
    }

    [Fact]
    public async Task Enums_are_stored_by_name()
    {
        var session = await _services.Manager.OpenAsync(null);
        session.GetState<Preferences>().Level = Priority.High;
        Assert.Equal("High", session.Get<string>("prefs.Level"));
    }

    [Fact]
    public async Task Missing_values_read_as_defaults_and_empty_collections()
    {
        var state = (await _services.Manager.OpenAsync(null)).GetState<Everything>();
        Assert.Equal(0, state.Long);
        Assert.Equal("", state.Name);
        Assert.Empty(state.Numbers);
        Assert.Empty(state.Words);
        Assert.Empty(state.Scores);
        Assert.Null(state.MaybeNumber);
    }

    [Fact]
    public async Task Reading_missing_collections_does_not_modify_the_session()
    {
        var session = await ReopenAsync(await _services.Manager.OpenAsync(null));
        var basket = session.GetState<Basket>();
        Assert.Empty(basket.Items);
        Assert.Equal("", basket.Shipping.City);
        Assert.False(session.IsModified);
        Assert.Empty(session.Keys);
    }

    [Fact]
    public async Task Setter_with_an_equal_value_does_not_modify()
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.GetState<Basket>().Count = 5;
        var session = await ReopenAsync(seeded);

        session.GetState<Basket>().Count = 5;

        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task Setter_changing_then_restoring_a_value_does_not_modify()
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.GetState<Basket>().Note = "a";
        var session = await ReopenAsync(seeded);
        var basket = session.GetState<Basket>();

        basket.Note = "b";
        Assert.True(session.IsModified);
        basket.Note = "a";

        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task List_changed_in_place_is_detected_and_saved()
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.GetState<Basket>().Items = ["tea"];
        var session = await ReopenAsync(seeded);

        session.GetState<Basket>().Items.Add("coffee");

        Assert.True(session.IsModified);
        var reloaded = await ReopenAsync(session);
        Assert.Equal(["tea", "coffee"], reloaded.GetState<Basket>().Items);
    }

    [Fact]
    public async Task Object_changed_in_place_is_detected_and_saved()
    {
        var session = await ReopenAsync(await _services.Manager.OpenAsync(null));
        session.GetState<Basket>().Shipping.City = "Lyon";
        var reloaded = await ReopenAsync(session);
        Assert.Equal("Lyon", reloaded.GetState<Basket>().Shipping.City);
    }

    [Fact]
    public async Task The_same_instance_is_handed_out_until_saved_so_changes_accumulate()
    {
        var session = await _services.Manager.OpenAsync(null);
        var basket = session.GetState<Basket>();
        basket.Items.Add("a");
        session.GetState<Basket>().Items.Add("b");
        Assert.Same(basket.Items, session.GetState<Basket>().Items);
        Assert.Equal(["a", "b"], (await ReopenAsync(session)).GetState<Basket>().Items);
    }

    [Fact]
    public async Task Only_the_changed_key_is_sent_to_the_store()
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.GetState<Basket>().Count = 1;
        seeded.GetState<Basket>().Items = ["tea"];
        var session = await ReopenAsync(seeded);
        _ = session.GetState<Basket>().Items;

        session.GetState<Basket>().Count = 2;
        await session.SaveAsync();

        var update = _services.Store.LastUpdate!;
        Assert.Equal(["Basket.Count"], update.Changed.Keys);
        Assert.Empty(update.Removed);
    }

    [Fact]
    public async Task Stored_value_of_another_type_reads_as_default_logs_once_and_is_kept()
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.Set("Basket.Count", "forty-two");
        seeded.Set("Basket.Items", 42);
        var session = await ReopenAsync(seeded);
        var basket = session.GetState<Basket>();

        Assert.Equal(0, basket.Count);
        Assert.Equal(0, basket.Count);
        Assert.Empty(basket.Items);
        Assert.False(session.IsModified);

        Assert.Equal(2, _services.Logs.GetSnapshot().Count(log => log.Id.Name == "SessionValueMismatch"));
        basket.Note = "other key changed";
        var reloaded = await ReopenAsync(session);
        Assert.Equal("forty-two", reloaded.Get<string>("Basket.Count"));
        Assert.Equal(42, reloaded.Get<int>("Basket.Items"));
    }

    [Fact]
    public async Task Unknown_keys_are_kept_untouched()
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.Set("legacy.flag", new { nested = true });
        var session = await ReopenAsync(seeded);
        session.GetState<Basket>().Count = 1;

        var reloaded = await ReopenAsync(session);

        Assert.Equal("""{"nested":true}""", reloaded.ToDictionary()["legacy.flag"].GetRawText());
    }

    [Fact]
    public async Task Json_values_use_the_configured_serializer_context()
    {
        await using var services = new SessionServices(configure: options => options.UseJsonSerializerContext(TestJsonContext.Default));
        var session = await services.Manager.OpenAsync(null);
        session.GetState<Basket>().Shipping = new Address { Street = "1 Main St", City = "Lyon" };
        Assert.Equal("""{"street":"1 Main St","city":"Lyon"}""", session.ToDictionary()["Basket.Shipping"].GetRawText());
    }

    [Fact]
    public async Task Typed_state_over_an_unloaded_session_throws_instead_of_blocking()
    {
        await using var services = new SessionServices();
        var engine = services.Provider.GetService(typeof(Engine.SessionEngine)) as Engine.SessionEngine;
        var unloaded = engine!.CreateUnloaded(null);
        Assert.Throws<InvalidOperationException>(() => unloaded.GetState<Basket>());
    }

    [Fact]
    public async Task Values_read_with_TryGet_or_a_default_are_tracked_like_Get()
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.Set("tags", new List<string> { "a" });
        seeded.Set("scores", new Dictionary<string, int> { ["x"] = 1 });
        var session = await ReopenAsync(seeded);

        Assert.True(session.TryGet<List<string>>("tags", out var tags));
        tags.Add("b");
        session.Get("scores", new Dictionary<string, int>())["y"] = 2;

        var reloaded = await ReopenAsync(session);
        Assert.Equal(["a", "b"], reloaded.Get<List<string>>("tags"));
        Assert.Equal(2, reloaded.Get<Dictionary<string, int>>("scores")!["y"]);
    }
}
