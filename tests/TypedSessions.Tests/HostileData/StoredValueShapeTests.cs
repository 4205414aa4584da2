using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;
using TypedSessions.Tests.Typed;

namespace TypedSessions.Tests.HostileData;

/// <summary>
/// Stored values that are JSON, so every store hands them back, but that no typed read expects: strings whose escapes
/// are no text, nesting deeper than a default reader allows, null for a property that is never null. None of them fails
/// a read or a save.
/// </summary>
public sealed class StoredValueShapeTests : IAsyncLifetime
{
    // A lone high surrogate, escaped: valid JSON syntax, but no text.
    private const string NotText = "\"\\ud800\"";

    private readonly SessionServices _services = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_stored_string_whose_escapes_are_no_text_is_overwritten_by_a_save()
    {
        var key = await SeedAsync(("Basket.Note", NotText));
        var session = await _services.Manager.OpenAsync(key);

        Assert.Null(session.GetState<Basket>().Note);
        session.GetState<Basket>().Note = "readable";
        await session.SaveAsync();

        Assert.Equal("readable", (await _services.Manager.OpenAsync(key)).GetState<Basket>().Note);
    }

    [Fact]
    public async Task A_list_of_strings_whose_escapes_are_no_text_reads_empty_and_a_change_to_it_is_saved()
    {
        var key = await SeedAsync(("Basket.Items", $"[{NotText}]"));
        var session = await _services.Manager.OpenAsync(key);

        session.GetState<Basket>().Items.Add("tea");
        await session.SaveAsync();

        Assert.Equal(["tea"], (await _services.Manager.OpenAsync(key)).GetState<Basket>().Items);
    }

    [Fact]
    public async Task A_save_that_merges_over_a_stored_value_whose_escapes_are_no_text_is_settled_not_failed()
    {
        var key = await SeedAsync(("Basket.Items", $"[{NotText}]"));
        var ours = await _services.Manager.OpenAsync(key);
        var theirs = await _services.Manager.OpenAsync(key);
        theirs.GetState<Basket>().Items.Add("theirs");
        await theirs.SaveAsync();
        ours.GetState<Basket>().Items.Add("ours");
        await ours.SaveAsync();

        Assert.Contains("ours", (await _services.Manager.OpenAsync(key)).GetState<Basket>().Items);
    }

    [Fact]
    public async Task ToDictionary_decodes_a_value_nested_as_deep_as_stores_keep_them()
    {
        var deep = new string('[', 1_000) + new string(']', 1_000);
        var key = await SeedAsync(("deep", deep));

        var decoded = (await _services.Manager.OpenAsync(key)).ToDictionary();

        Assert.Equal(System.Text.Json.JsonValueKind.Array, decoded["deep"].ValueKind);
    }

    [Fact]
    public async Task A_stored_null_for_a_property_that_is_never_null_reads_as_a_new_instance_is_logged_and_kept()
    {
        var key = await SeedAsync(("Basket.Shipping", "null"), ("Everything.Scores", "null"));
        var session = await _services.Manager.OpenAsync(key);

        session.GetState<Everything>().Scores["visits"] = 1;
        Assert.Equal("", session.GetState<Basket>().Shipping.City);
        await session.SaveAsync();

        var reloaded = await _services.Manager.OpenAsync(key);
        Assert.Equal(1, reloaded.GetState<Everything>().Scores["visits"]);
        Assert.Null(reloaded.Get<Address>("Basket.Shipping"));
        Assert.Equal(2, _services.Logs.GetSnapshot().Count(log => log.Id.Name == "SessionValueMismatch"));
    }

    private async Task<string> SeedAsync(params (string Key, string Json)[] values)
    {
        var key = SessionKeys.NewKey();
        var record = new SessionRecord(values.ToDictionary(pair => pair.Key, pair => pair.Json), _services.Time.GetUtcNow().AddHours(1));
        Assert.Equal(SessionWriteResult.Written, await _services.Store.CreateAsync(SessionKeys.ToRecordId(key), record));
        return key;
    }
}
