using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// The <c>__Host-</c> and <c>__Secure-</c> cookie name prefixes. Browsers keep a <c>__Host-</c> cookie only with Secure,
/// <c>Path=/</c> and no Domain, so no sibling subdomain can set one; naming the cookie is all it takes, and a setting that
/// would make browsers drop it fails at startup.
/// </summary>
public sealed class CookiePrefixTests
{
    [Fact]
    public async Task Host_prefixed_cookie_is_sent_with_Secure_Path_root_and_no_Domain_even_over_http()
    {
        await using var server = await StartAsync("__Host-sessionid");

        var write = await server.GetAsync("/write");
        var cookie = Assert.Single(write.SetCookies());
        var key = cookie["__Host-sessionid=".Length..cookie.IndexOf(';')];
        var read = await server.GetAsync("/read", $"__Host-sessionid={key}");
        var flush = await server.GetAsync("/flush", $"__Host-sessionid={key}");

        Assert.Equal(
            $"__Host-sessionid={key}; expires={SessionServices.Start.AddDays(14).UtcDateTime:R}; max-age=1209600; path=/; secure; samesite=lax; httponly",
            cookie);
        Assert.DoesNotContain("domain=", cookie);
        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
        Assert.Equal(["__Host-sessionid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/; secure; samesite=lax; httponly"], flush.SetCookies());
    }

    [Fact]
    public async Task Secure_prefixed_cookie_is_sent_with_Secure_and_may_keep_a_Domain_and_Path()
    {
        await using var server = await StartAsync("__Secure-sessionid", options =>
        {
            options.Cookie.Domain = "example.local";
            options.Cookie.Path = "/shop";
        });

        var cookie = Assert.Single((await server.GetAsync("/write")).SetCookies());

        Assert.StartsWith("__Secure-sessionid=", cookie);
        Assert.EndsWith("; domain=example.local; path=/shop; secure; samesite=lax; httponly", cookie);
    }

    [Fact]
    public async Task Host_prefix_with_SecurePolicy_SameAsRequest_fails_at_startup_saying_to_use_Always()
    {
        var error = await StartupFailureAsync("__Host-sessionid", options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        Assert.Contains(
            "TypedSessionsOptions.Cookie.Name '__Host-sessionid' has the __Host- prefix, which browsers accept only with Secure, Path=/ and no Domain, but Cookie.SecurePolicy is SameAsRequest: set it to CookieSecurePolicy.Always (or leave it unset).",
            error.Message);
    }

    [Fact]
    public async Task Host_prefix_with_a_Domain_fails_at_startup()
    {
        var error = await StartupFailureAsync("__Host-sessionid", options => options.Cookie.Domain = "example.com");
        Assert.Contains("has the __Host- prefix, which browsers accept only with Secure, Path=/ and no Domain, but Cookie.Domain is 'example.com': leave it unset", error.Message);
    }

    [Fact]
    public async Task Host_prefix_with_a_Path_other_than_root_fails_at_startup()
    {
        var error = await StartupFailureAsync("__Host-sessionid", options => options.Cookie.Path = "/app");
        Assert.Contains("has the __Host- prefix, which browsers accept only with Secure, Path=/ and no Domain, but Cookie.Path is '/app': set it to \"/\".", error.Message);
    }

    [Fact]
    public async Task Host_prefix_reports_every_conflict_at_once_and_matches_ignoring_case_as_browsers_do()
    {
        var error = await StartupFailureAsync("__HOST-sid", options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.None;
            options.Cookie.Domain = ".example.com";
            options.Cookie.Path = "/";
        });

        Assert.Contains("Cookie.SecurePolicy is None", error.Message);
        Assert.Contains("Cookie.Domain is '.example.com'", error.Message);
        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public async Task Secure_prefix_with_SecurePolicy_None_fails_at_startup()
    {
        var error = await StartupFailureAsync("__Secure-sessionid", options => options.Cookie.SecurePolicy = CookieSecurePolicy.None);
        Assert.Contains(
            "TypedSessionsOptions.Cookie.Name '__Secure-sessionid' has the __Secure- prefix, which browsers accept only with Secure, but Cookie.SecurePolicy is None: set it to CookieSecurePolicy.Always (or leave it unset).",
            error.Message);
    }

    [Fact]
    public async Task A_cookie_builder_of_the_apps_own_must_say_Always_for_a_prefixed_name()
    {
        // A plain CookieBuilder cannot tell an unset policy from SameAsRequest, so it gets no implicit Secure.
        var error = await StartupFailureAsync("__Host-sessionid", options => options.Cookie = new CookieBuilder { Name = "__Host-sessionid", Path = "/" });
        Assert.Contains("Cookie.SecurePolicy is SameAsRequest", error.Message);
    }

    [Fact]
    public void Unprefixed_names_keep_Djangos_default_of_Secure_only_over_https()
    {
        var options = new TypedSessionsOptions();
        Assert.Equal(CookieSecurePolicy.SameAsRequest, options.Cookie.SecurePolicy);
        options.Cookie.Name = "__Host-sessionid";
        Assert.Equal(CookieSecurePolicy.Always, options.Cookie.SecurePolicy);
    }

    private static Task<SessionTestServer> StartAsync(string cookieName, Action<TypedSessionsOptions>? configure = null) => SessionTestServer.StartAsync(
        app =>
        {
            app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("name") ?? "none");
            app.MapGet("/write", async (HttpContext context) =>
            {
                (await context.GetSessionAsync()).Set("name", "ada");
                return "ok";
            });
            app.MapGet("/flush", async (HttpContext context) =>
            {
                await (await context.GetSessionAsync()).FlushAsync();
                return "ok";
            });
        },
        options =>
        {
            options.Cookie.Name = cookieName;
            configure?.Invoke(options);
        });

    private static async Task<OptionsValidationException> StartupFailureAsync(string cookieName, Action<TypedSessionsOptions> configure)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddTypedSessions(options =>
        {
            options.Cookie.Name = cookieName;
            configure(options);
        }).AddMemoryStore();
        await using var app = builder.Build();
        app.UseTypedSessions();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }
}
