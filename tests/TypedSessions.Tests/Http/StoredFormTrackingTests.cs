using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// A value read from the store is compared at commit against the stored text itself, not a serialization made when it
/// was read. Text in another form than the codec writes (spacing, member order, as an older build or a normalizing
/// store leaves it) must still count as unchanged when only read, and as changed when changed in place.
/// </summary>
public sealed class StoredFormTrackingTests : IAsyncLifetime
{
    // The form PostgreSQL's jsonb hands back: spaces after separators, members in its own order.
    private const string StoredInAnotherForm = """[{"sku": "a", "quantity": 1}, {"quantity": 2, "sku": "b"}]""";

    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(app =>
    {
        app.MapGet("/count", async (HttpContext context) =>
        {
            var lines = (await context.GetSessionAsync()).Get<List<Line>>("lines")!;
            return lines.Sum(line => line.Quantity).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        app.MapGet("/bump", async (HttpContext context) =>
            (await context.GetSessionAsync()).Get<List<Line>>("lines")![1].Quantity++);
        app.MapGet("/same", async (HttpContext context) =>
        {
            // Changed and changed back: what the codec writes is what it would have written for the stored value.
            var line = (await context.GetSessionAsync()).Get<List<Line>>("lines")![0];
            line.Quantity++;
            line.Quantity--;
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Text_in_another_form_that_is_only_read_is_not_written()
    {
        var (key, recordId) = await SeedAsync();

        var response = await _server.GetAsync("/count", $"sessionid={key}");

        Assert.Equal("3", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Load"], _server.Store.Calls);
        Assert.Equal(StoredInAnotherForm, (await StoredAsync(recordId))["lines"]);
    }

    [Fact]
    public async Task Text_in_another_form_changed_and_changed_back_is_not_written()
    {
        var (key, recordId) = await SeedAsync();

        await _server.GetAsync("/same", $"sessionid={key}");

        Assert.Equal(["Load"], _server.Store.Calls);
        Assert.Equal(StoredInAnotherForm, (await StoredAsync(recordId))["lines"]);
    }

    [Fact]
    public async Task Text_in_another_form_changed_in_place_is_written_in_the_codec_form()
    {
        var (key, recordId) = await SeedAsync();

        var response = await _server.GetAsync("/bump", $"sessionid={key}");

        Assert.Single(response.SetCookies());
        Assert.Contains("Update", _server.Store.Calls);
        Assert.Equal("""[{"sku":"a","quantity":1},{"sku":"b","quantity":3}]""", (await StoredAsync(recordId))["lines"]);
    }

    private async Task<(string Key, string RecordId)> SeedAsync()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("seeded", true));
        var recordId = _server.Services.GetRequiredService<ISessionKeyScheme>().ToRecordId(key);
        var stored = (await _server.Store.Inner.LoadAsync(recordId)).Record!;
        var values = new Dictionary<string, string>(stored.Values) { ["lines"] = StoredInAnotherForm };
        await _server.Store.Inner.DeleteAsync(recordId);
        await _server.Store.Inner.CreateAsync(recordId, stored with { Values = values });
        _server.Store.Reset();
        return (key, recordId);
    }

    private async Task<IReadOnlyDictionary<string, string>> StoredAsync(string recordId)
        => (await _server.Store.Inner.LoadAsync(recordId)).Record!.Values;

    public sealed class Line
    {
        public string Sku { get; set; } = "";

        public int Quantity { get; set; }
    }
}
