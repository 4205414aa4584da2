using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Http;

/// <summary>The session cookie's attributes (Django's SessionMiddlewareTests).</summary>
public sealed class CookieAttributeTests
{
    private static Task<SessionTestServer> StartAsync(Action<TypedSessionsOptions>? configure = null) => SessionTestServer.StartAsync(app =>
    {
        app.MapGet("/write", async (HttpContext context) =>
        {
            (await context.GetSessionAsync()).Set("hello", "world");
            return "ok";
        });
        app.MapGet("/write-browser-session", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            session.Set("hello", "world");
            session.ExpireAtBrowserClose();
            return "ok";
        });
        app.MapGet("/write-ten-seconds", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            session.Set("hello", "world");
            session.SetExpiry(TimeSpan.FromSeconds(10));
            return "ok";
        });
        app.MapGet("/write-expired", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            session.Set("hello", "world");
            session.SetExpiry(TimeSpan.FromSeconds(-10));
            return "ok";
        });
        app.MapGet("/flush", async (HttpContext context) =>
        {
            await (await context.GetSessionAsync()).FlushAsync();
            return "ok";
        });
        app.MapGet("/stream", async (HttpContext context) =>
        {
            (await context.GetSessionAsync()).Set("hello", "world");
            await context.Response.WriteAsync("first chunk");
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync(", second chunk");
        });
    }, configure);

    [Fact]
    public async Task Cookie_is_secure_when_the_request_is_https()
    {
        await using var server = await StartAsync();
        var response = await server.GetAsync("https://localhost/write");
        var cookie = Assert.Single(response.SetCookies());
        Assert.Contains("; secure;", cookie);
    }

    [Fact]
    public async Task Cookie_is_not_secure_over_http_by_default()
    {
        await using var server = await StartAsync();
        var response = await server.GetAsync("/write");
        Assert.DoesNotContain("secure", Assert.Single(response.SetCookies()));
    }

    [Fact]
    public async Task Cookie_is_secure_over_http_when_configured_always()
    {
        await using var server = await StartAsync(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        var response = await server.GetAsync("/write");
        Assert.Contains("; secure;", Assert.Single(response.SetCookies()));
    }

    [Fact]
    public async Task Cookie_is_httponly_by_default()
    {
        await using var server = await StartAsync();
        var response = await server.GetAsync("/write");
        Assert.EndsWith("; httponly", Assert.Single(response.SetCookies()));
    }

    [Fact]
    public async Task Cookie_is_not_httponly_when_configured()
    {
        await using var server = await StartAsync(options => options.Cookie.HttpOnly = false);
        var response = await server.GetAsync("/write");
        Assert.DoesNotContain("httponly", Assert.Single(response.SetCookies()));
    }

    [Fact]
    public async Task Cookie_samesite_is_configurable()
    {
        await using var server = await StartAsync(options => options.Cookie.SameSite = SameSiteMode.Strict);
        var response = await server.GetAsync("/write");
        Assert.Contains("; samesite=strict;", Assert.Single(response.SetCookies()));
    }

    [Fact]
    public async Task Cookie_name_is_configurable()
    {
        await using var server = await StartAsync(options => options.Cookie.Name = "shop_session");
        var response = await server.GetAsync("/write");
        Assert.StartsWith("shop_session=", Assert.Single(response.SetCookies()));
    }

    [Fact]
    public async Task Browser_close_session_cookie_has_neither_max_age_nor_expires()
    {
        await using var server = await StartAsync();
        var response = await server.GetAsync("/write-browser-session");
        var key = response.SessionKey();
        Assert.Equal([$"sessionid={key}; path=/; samesite=lax; httponly"], response.SetCookies());
    }

    [Fact]
    public async Task Browser_close_session_still_expires_on_the_server_after_the_lifetime()
    {
        await using var server = await StartAsync();
        var key = (await server.GetAsync("/write-browser-session")).SessionKey();

        server.Time.Advance(TypedSessionsOptions.DefaultLifetime - TimeSpan.FromSeconds(1));
        Assert.True(await server.Manager.ExistsAsync(key));
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await server.Manager.ExistsAsync(key));
    }

    [Fact]
    public async Task Expire_at_browser_close_option_drops_max_age_and_expires()
    {
        await using var server = await StartAsync(options => options.ExpireAtBrowserClose = true);
        var response = await server.GetAsync("/write");
        Assert.DoesNotContain("max-age", Assert.Single(response.SetCookies()));
        Assert.DoesNotContain("expires", Assert.Single(response.SetCookies()));
    }

    [Fact]
    public async Task Custom_expiry_sets_max_age_and_server_side_expiry_to_the_second()
    {
        await using var server = await StartAsync();
        var response = await server.GetAsync("/write-ten-seconds");
        var key = response.SessionKey();
        Assert.Equal([ExpectedCookie(key, SessionServices.Start, maxAgeSeconds: 10)], response.SetCookies());

        server.Time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(await server.Manager.ExistsAsync(key));
        server.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await server.Manager.ExistsAsync(key));
    }

    [Fact]
    public async Task A_session_set_to_expire_at_once_gets_a_cookie_with_max_age_zero_that_expires_now()
    {
        await using var server = await StartAsync();
        var response = await server.GetAsync("/write-expired");
        var key = response.SessionKey();
        Assert.Equal([ExpectedCookie(key, SessionServices.Start, maxAgeSeconds: 0)], response.SetCookies());
        Assert.False(await server.Manager.ExistsAsync(key));
    }

    [Fact]
    public async Task Lifetime_option_sets_max_age()
    {
        await using var server = await StartAsync(options => options.Lifetime = TimeSpan.FromHours(1));
        var response = await server.GetAsync("/write");
        Assert.Equal([ExpectedCookie(response.SessionKey(), SessionServices.Start, maxAgeSeconds: 3600)], response.SetCookies());
    }

    [Fact]
    public async Task Flush_deletes_cookie_with_malformed_request_cookie()
    {
        await using var server = await StartAsync();
        var response = await server.GetAsync("/flush", "sessionid=abc");
        Assert.Equal([DeletedCookie], response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
    }

    [Fact]
    public async Task Flush_deletes_cookie_with_custom_domain_and_path()
    {
        await using var server = await StartAsync(options =>
        {
            options.Cookie.Domain = ".example.local";
            options.Cookie.Path = "/example/";
        });
        var response = await server.GetAsync("/flush", "sessionid=abc");
        Assert.Equal(
            ["sessionid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; domain=.example.local; path=/example/; samesite=lax; httponly"],
            response.SetCookies());
    }

    [Fact]
    public async Task Streaming_handler_still_gets_its_cookie()
    {
        await using var server = await StartAsync();
        var response = await server.GetAsync("/stream");
        Assert.Equal("first chunk, second chunk", await response.Content.ReadAsStringAsync());
        var key = response.SessionKey();
        Assert.Equal("world", (await server.Manager.OpenAsync(key)).Get<string>("hello"));
    }

    [Fact]
    public void Setting_a_cookie_expiration_is_rejected_because_the_session_owns_it()
    {
        var options = new TypedSessionsOptions();
        var error = Assert.Throws<InvalidOperationException>(() => options.Cookie.Expiration = TimeSpan.FromDays(1));
        Assert.Contains("Lifetime", error.Message);
    }
}
