using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Http;

/// <summary>The cookie store: the session lives in the encrypted cookie; expiry is honoured, tampering reads as empty.</summary>
public sealed class CookieStoreTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(
        app =>
        {
            app.MapSessionNameEndpoints();
            app.MapGet("/write-ten-seconds", async (HttpContext context) =>
            {
                var session = await context.GetSessionAsync();
                session.Set("name", "brief");
                session.SetExpiry(TimeSpan.FromSeconds(10));
                return "ok";
            });
            app.MapGet("/flush", async (HttpContext context) =>
            {
                await (await context.GetSessionAsync()).FlushAsync();
                return "ok";
            });
            app.MapGet("/write-big", async (HttpContext context) =>
            {
                (await context.GetSessionAsync()).Set("big", new string('x', 5_000));
            });
            app.MapGet("/cycle", async (HttpContext context) =>
            {
                await (await context.GetSessionAsync()).CycleKeyAsync();
                return "ok";
            });
        },
        services: services => services.AddTypedSessions().AddCookieStore());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Session_round_trips_in_the_cookie_with_no_server_state()
    {
        var write = await _server.GetAsync("/write/ada");
        var cookie = write.SessionKey();

        var read = await _server.GetAsync("/read", $"sessionid={cookie}");

        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
        Assert.IsType<TypedSessions.Stores.Cookie.CookieSessionRecordStore>(_server.Services.GetRequiredService<TypedSessions.Stores.ISessionRecordStore>());
        Assert.DoesNotContain("ada", cookie);
    }

    [Fact]
    public async Task Each_save_re_encodes_the_cookie()
    {
        var first = (await _server.GetAsync("/write/ada")).SessionKey();
        var second = (await _server.GetAsync("/write/grace", $"sessionid={first}")).SessionKey();
        Assert.NotEqual(first, second);
        Assert.Equal("grace", await (await _server.GetAsync("/read", $"sessionid={second}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tampered_cookie_reads_as_empty_is_deleted_and_logged()
    {
        var cookie = (await _server.GetAsync("/write/ada")).SessionKey();
        var tampered = cookie[..20] + (cookie[20] == 'A' ? 'B' : 'A') + cookie[21..];

        var read = await _server.GetAsync("/read", $"sessionid={tampered}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("none", await read.Content.ReadAsStringAsync());
        Assert.Equal([DeletedCookie], read.SetCookies());
        Assert.Contains(_server.Logs.GetSnapshot(), log => log.Category == "TypedSessions.Security");
    }

    [Fact]
    public async Task Custom_expiry_is_honoured_in_the_cookie_and_on_replay()
    {
        var write = await _server.GetAsync("/write-ten-seconds");
        var cookie = write.SessionKey();
        Assert.Contains("max-age=10;", Assert.Single(write.SetCookies()));

        _server.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("brief", await (await _server.GetAsync("/read", $"sessionid={cookie}")).Content.ReadAsStringAsync());
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("none", await (await _server.GetAsync("/read", $"sessionid={cookie}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Flush_deletes_the_cookie()
    {
        var cookie = (await _server.GetAsync("/write/ada")).SessionKey();
        var response = await _server.GetAsync("/flush", $"sessionid={cookie}");
        Assert.Equal([DeletedCookie], response.SetCookies());
    }

    [Fact]
    public async Task Cycle_issues_a_new_cookie_with_the_same_data()
    {
        var cookie = (await _server.GetAsync("/write/ada")).SessionKey();
        var cycled = (await _server.GetAsync("/cycle", $"sessionid={cookie}")).SessionKey();
        Assert.NotEqual(cookie, cycled);
        Assert.Equal("ada", await (await _server.GetAsync("/read", $"sessionid={cycled}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Session_over_the_browser_cookie_limit_fails_to_save_naming_its_size()
    {
        var session = await _server.Manager.OpenAsync(null);
        session.Set("big", new string('x', 5_000));

        var error = await Assert.ThrowsAsync<SessionCookieTooLargeException>(() => session.SaveAsync().AsTask());

        Assert.True(error.Size > 5_000);
        Assert.Equal(4_096, error.Limit);
        Assert.Contains($"{error.Size:N0} bytes", error.Message);
    }

    [Fact]
    public async Task Session_over_the_browser_cookie_limit_is_a_500_over_http_and_the_old_cookie_stays_valid()
    {
        var cookie = (await _server.GetAsync("/write/ada")).SessionKey();

        var response = await _server.GetAsync("/write-big", $"sessionid={cookie}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(response.SetCookies());
        Assert.Equal("ada", await (await _server.GetAsync("/read", $"sessionid={cookie}")).Content.ReadAsStringAsync());
        Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "SessionTooLarge");
    }

    [Fact]
    public async Task Malformed_cookie_is_never_adopted()
    {
        var response = await _server.GetAsync("/write/ada", "sessionid=not%20base64!");
        Assert.NotEqual("not%20base64!", response.SessionKey());
    }
}
