using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Observability;

/// <summary>
/// The <c>TypedSessions</c> meter over real requests: each request's counts, exactly, so a counter that fires twice,
/// or on the wrong path, fails here.
/// </summary>
public sealed class SessionMetricsTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;
    private SessionInstruments _instruments = null!;

    public async Task InitializeAsync()
        => _server = await SessionTestServer.StartAsync(app =>
        {
            app.MapGet("/write", async (HttpContext context) => (await context.GetSessionAsync()).Set("n", 42));
            app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<int>("n"));
            app.MapGet("/flush", async (HttpContext context) => await (await context.GetSessionAsync()).FlushAsync());
            app.MapGet("/sign-in", async (HttpContext context) => await (await context.GetSessionAsync()).CycleKeyAsync());
        });

    public async Task DisposeAsync()
    {
        _instruments?.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_first_write_counts_one_created_and_one_saved_session_of_the_stored_size()
    {
        _instruments = new SessionInstruments(_server.Services);

        await _server.GetAsync("/write");

        Assert.Equal(
            new Dictionary<string, long> { ["typedsessions.session.created"] = 1, ["typedsessions.session.saved"] = 1 },
            _instruments.Totals());
        var stored = (await _server.Store.LoadRecordAsync(_server.Store.RecordIds.Single()))!;
        var size = Assert.Single(_instruments.Size.GetMeasurementSnapshot());
        Assert.Equal(Encoding.UTF8.GetByteCount(SessionDataFormat.Encode(stored.Values)), size.Value);
        Assert.Equal("""{"n":42}""".Length, size.Value);
    }

    [Fact]
    public async Task A_read_only_request_counts_one_load_and_no_save()
    {
        var key = await _server.SeedSessionAsync();
        _instruments = new SessionInstruments(_server.Services);

        await _server.GetAsync("/read", $"sessionid={key}");

        Assert.Equal(new Dictionary<string, long> { ["typedsessions.session.loaded"] = 1 }, _instruments.Totals());
        Assert.Empty(_instruments.Size.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task A_request_with_an_unknown_cookie_loads_nothing()
    {
        _instruments = new SessionInstruments(_server.Services);

        await _server.GetAsync("/read", "sessionid=abcdefghijklmnopqrstuvwxyz012345");

        Assert.Empty(_instruments.Totals());
    }

    [Fact]
    public async Task A_write_to_a_loaded_session_counts_one_save_and_no_creation()
    {
        var key = await _server.SeedSessionAsync();
        _instruments = new SessionInstruments(_server.Services);

        await _server.GetAsync("/write", $"sessionid={key}");

        Assert.Equal(
            new Dictionary<string, long> { ["typedsessions.session.loaded"] = 1, ["typedsessions.session.saved"] = 1 },
            _instruments.Totals());
        Assert.Equal("""{"seeded":true,"n":42}""".Length, Assert.Single(_instruments.Size.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public async Task A_flush_counts_one_flushed_session()
    {
        var key = await _server.SeedSessionAsync();
        _instruments = new SessionInstruments(_server.Services);

        await _server.GetAsync("/flush", $"sessionid={key}");

        Assert.Equal(
            new Dictionary<string, long> { ["typedsessions.session.loaded"] = 1, ["typedsessions.session.deleted"] = 1 },
            _instruments.Totals());
    }

    [Fact]
    public async Task A_sign_in_counts_one_cycled_session_saved_under_its_new_key()
    {
        var key = await _server.SeedSessionAsync();
        _instruments = new SessionInstruments(_server.Services);

        await _server.GetAsync("/sign-in", $"sessionid={key}");

        Assert.Equal(
            new Dictionary<string, long>
            {
                ["typedsessions.session.loaded"] = 1, ["typedsessions.session.saved"] = 1, ["typedsessions.session.cycled"] = 1,
            },
            _instruments.Totals());
    }

    [Fact]
    public async Task An_unchanged_session_saved_again_counts_one_touch_and_no_save()
    {
        await using var server = await SessionTestServer.StartAsync(
            app => app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<int>("n")),
            options => options.SaveEveryRequest = true);
        var seeded = await server.SeedSessionAsync();
        using var instruments = new SessionInstruments(server.Services);

        await server.GetAsync("/read", $"sessionid={seeded}");

        Assert.Equal(
            new Dictionary<string, long> { ["typedsessions.session.loaded"] = 1, ["typedsessions.session.touched"] = 1 },
            instruments.Totals());
    }

    [Fact]
    public async Task A_revocation_counts_one_revoked_session()
    {
        // The recording store keeps no index by user; the memory store does.
        await using var server = await SessionTestServer.StartAsync(_ => { }, services: services => services.AddTypedSessions().AddMemoryStore());
        var session = await server.Manager.OpenAsync(null);
        session.SetUserId("alice");
        await session.SaveAsync();
        using var instruments = new SessionInstruments(server.Services);

        Assert.True(await server.Manager.RevokeAsync(session.RecordId!));
        Assert.False(await server.Manager.RevokeAsync(session.RecordId!));

        Assert.Equal(new Dictionary<string, long> { ["typedsessions.session.revoked"] = 1 }, instruments.Totals());
        Assert.Equal(["revoke", "revoke"], instruments.StoreDuration.GetMeasurementSnapshot().Select(measurement => measurement.Tags["typedsessions.store.operation"]));
        Assert.All(instruments.StoreDuration.GetMeasurementSnapshot(), measurement => Assert.Equal("memory", measurement.Tags["typedsessions.store"]));
    }

    [Fact]
    public async Task A_purge_counts_each_expired_session_it_deleted()
    {
        await _server.SeedSessionAsync();
        await _server.SeedSessionAsync();
        _server.Time.Advance(TimeSpan.FromDays(15));
        _instruments = new SessionInstruments(_server.Services);

        Assert.Equal(2, await _server.Manager.ClearExpiredAsync());

        var expired = Assert.Single(_instruments["typedsessions.session.expired"].GetMeasurementSnapshot());
        Assert.Equal(2, expired.Value);
        Assert.Equal("purge", expired.Tags["typedsessions.expiry.reason"]);
    }

    [Fact]
    public async Task A_session_met_past_its_absolute_lifetime_counts_as_expired_and_not_loaded()
    {
        await using var server = await SessionTestServer.StartAsync(
            app => app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<int>("n")),
            options => options.AbsoluteLifetime = TimeSpan.FromHours(1));

        // Stored before the limit was configured: two hours old, and its own expiry still two weeks away.
        const string Key = "abcdefghijklmnopqrstuvwxyz012345";
        var recordId = server.Services.GetRequiredService<ISessionKeyScheme>().ToRecordId(Key);
        var now = server.Time.GetUtcNow();
        await server.Store.Inner.CreateAsync(recordId, new SessionRecord(new Dictionary<string, string>(), now.AddDays(14)) { CreatedAt = now.AddHours(-2) });
        using var instruments = new SessionInstruments(server.Services);

        await server.GetAsync("/read", $"sessionid={Key}");

        Assert.Equal(new Dictionary<string, long> { ["typedsessions.session.expired"] = 1 }, instruments.Totals());
        Assert.Equal("absolute_lifetime", Assert.Single(instruments["typedsessions.session.expired"].GetMeasurementSnapshot()).Tags["typedsessions.expiry.reason"]);
    }

    [Fact]
    public async Task Each_store_call_is_timed_once_tagged_with_the_store_and_operation()
    {
        var key = await _server.SeedSessionAsync();
        _instruments = new SessionInstruments(_server.Services);

        await _server.GetAsync("/write", $"sessionid={key}");

        var durations = _instruments.StoreDuration.GetMeasurementSnapshot();
        Assert.Equal(["load", "update"], durations.Select(measurement => measurement.Tags["typedsessions.store.operation"]));
        Assert.All(durations, measurement =>
        {
            // A store without a description of its own is named after its type.
            Assert.Equal(nameof(RecordingStore), measurement.Tags["typedsessions.store"]);
            Assert.False(measurement.Tags.ContainsKey("error.type"));
            Assert.InRange(measurement.Value, 0, 10);
        });
    }
}
