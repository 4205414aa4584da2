using Microsoft.AspNetCore.Builder;
using TypedSessions.Tests.Typed;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Http;

/// <summary>
/// <see cref="TypedSessionsOptions.SlidingRefresh"/>: a request that only reads the session moves its expiry once more
/// than half of the lifetime has passed since the last save (a store touch and a fresh cookie), at most once per
/// half lifetime; with the option off, the expiry moves only on save, as in Django.
/// </summary>
public sealed class SlidingRefreshTests : IAsyncLifetime
{
    private const int LifetimeSeconds = 1_209_600;

    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await DecisionTableTests.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_read_in_the_first_half_of_the_lifetime_writes_nothing()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("name", "ada"));
        _server.Time.Advance(TimeSpan.FromSeconds((LifetimeSeconds / 2) - 1));

        var response = await _server.GetAsync("/read", $"sessionid={key}");

        Assert.Equal("ada", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Load"], _server.Store.Calls);
    }

    [Fact]
    public async Task A_read_past_half_the_lifetime_touches_the_expiry_and_resends_the_cookie_once()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("name", "ada"));
        _server.Time.Advance(TimeSpan.FromSeconds((LifetimeSeconds / 2) + 1));
        var now = _server.Time.GetUtcNow();

        var refreshed = await _server.GetAsync("/read", $"sessionid={key}");
        var again = await _server.GetAsync("/read", $"sessionid={key}");

        Assert.Equal("ada", await refreshed.Content.ReadAsStringAsync());
        Assert.Equal([ExpectedCookie(key, now)], refreshed.SetCookies());
        Assert.Equal(["Cookie"], refreshed.Vary());
        Assert.Empty(again.SetCookies());
        Assert.Equal(["Load", "Touch", "Load"], _server.Store.Calls);
        var stored = await _server.Store.LoadRecordAsync(_server.Store.RecordIds.Last());
        Assert.Equal(now.AddSeconds(LifetimeSeconds), stored!.ExpiresAt);
    }

    [Fact]
    public async Task An_active_reader_is_never_signed_out()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("name", "ada"));

        // A read every 0.6 of the lifetime, eight times: the session outlives its first expiry almost five times over.
        for (var visit = 0; visit < 8; visit++)
        {
            _server.Time.Advance(TimeSpan.FromSeconds(LifetimeSeconds * 0.6));
            Assert.Equal("ada", await (await _server.GetAsync("/read", $"sessionid={key}")).Content.ReadAsStringAsync());
        }

        Assert.Equal(8, _server.Store.Calls.Count(call => call == "Touch"));
        Assert.DoesNotContain("Update", _server.Store.Calls);
    }

    [Fact]
    public async Task Without_sliding_refresh_a_read_never_moves_the_expiry_as_in_Django()
    {
        await using var server = await DecisionTableTests.StartAsync(options => options.SlidingRefresh = false);
        var key = await server.SeedSessionAsync(session => session.Set("name", "ada"));
        server.Time.Advance(TimeSpan.FromSeconds(LifetimeSeconds - 1));

        var lastRead = await server.GetAsync("/read", $"sessionid={key}");
        server.Time.Advance(TimeSpan.FromSeconds(2));
        var afterExpiry = await server.GetAsync("/read", $"sessionid={key}");

        Assert.Equal("ada", await lastRead.Content.ReadAsStringAsync());
        Assert.Empty(lastRead.SetCookies());
        Assert.Equal("none", await afterExpiry.Content.ReadAsStringAsync());
        Assert.Equal([DeletedCookie], afterExpiry.SetCookies());
        Assert.Equal(["Load", "Load"], server.Store.Calls);
    }

    [Fact]
    public async Task A_request_that_does_not_use_the_session_refreshes_nothing()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("name", "ada"));
        _server.Time.Advance(TimeSpan.FromSeconds(LifetimeSeconds - 1));

        var response = await _server.GetAsync("/nothing", $"sessionid={key}");

        Assert.Empty(response.SetCookies());
        Assert.Empty(_server.Store.Calls);
    }

    [Fact]
    public async Task A_per_session_expiry_in_seconds_is_the_window_and_a_fixed_date_never_slides()
    {
        var seconds = await _server.SeedSessionAsync(session => session.SetExpiry(TimeSpan.FromMinutes(10)));
        var dated = await _server.SeedSessionAsync(session => session.SetExpiry(_server.Time.GetUtcNow().AddMinutes(10)));
        _server.Time.Advance(TimeSpan.FromMinutes(6));
        var now = _server.Time.GetUtcNow();

        var slid = await _server.GetAsync("/read", $"sessionid={seconds}");
        var fixedDate = await _server.GetAsync("/read", $"sessionid={dated}");

        Assert.Equal([ExpectedCookie(seconds, now, maxAgeSeconds: 600)], slid.SetCookies());
        Assert.Empty(fixedDate.SetCookies());
        Assert.Equal(["Load", "Touch", "Load"], _server.Store.Calls);
    }

    [Fact]
    public async Task A_failed_refresh_is_tried_once_per_request_though_the_request_passes_two_save_points()
    {
        // A [SessionState] parameter installs the endpoint filter (a save before the result) and the response start
        // is the other save point.
        await using var server = await FaultyStoreServer.StartAsync(map: app => app.MapGet("/basket-size", (Basket basket) => basket.Items.Count));
        var key = await StoreOutageTests.SeedAsync(server);
        server.Time.Advance(TimeSpan.FromSeconds((LifetimeSeconds / 2) + 1));
        server.FaultyStore().TouchFailure = new IOException("Connection reset by peer");
        var callsBefore = server.FaultyStore().Calls;

        var response = await server.GetAsync("/basket-size", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", await response.Content.ReadAsStringAsync());
        Assert.Single(server.Logs.GetSnapshot(), log => log.Id.Name == "SlidingRefreshFailed");
        Assert.Equal(3, server.FaultyStore().Calls - callsBefore); // one load, one touch, and the probe after the failed touch
    }

    [Fact]
    public async Task A_refresh_the_store_cannot_make_leaves_the_response_alone_and_is_logged()
    {
        await using var server = await FaultyStoreServer.StartAsync();
        var key = await StoreOutageTests.SeedAsync(server);
        server.Time.Advance(TimeSpan.FromSeconds((LifetimeSeconds / 2) + 1));
        server.FaultyStore().TouchFailure = new IOException("Connection reset by peer");

        var response = await server.GetAsync("/read", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        var logged = Assert.Single(server.Logs.GetSnapshot(), log => log.Id.Name == "SlidingRefreshFailed");
        Assert.Equal("TypedSessions.Http", logged.Category);
    }
}
