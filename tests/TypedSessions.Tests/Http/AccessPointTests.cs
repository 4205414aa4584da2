using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>How code reaches the session: async loading, endpoint metadata, and ASP.NET Core's ISession.</summary>
public sealed class AccessPointTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(app =>
    {
        app.MapGet("/sync-unloaded", (HttpContext context) =>
        {
            var error = Assert.Throws<InvalidOperationException>(() => context.Session.Keys.ToList());
            return error.Message;
        });
        app.MapGet("/aspnet-session-unloaded", (HttpContext context) => context.Session.IsAvailable ? "available" : "unavailable");
        app.MapGet("/aspnet-session-write", (HttpContext context) =>
        {
            context.Session.SetString("greeting", "hello");
            context.Session.SetInt32("visits", (context.Session.GetInt32("visits") ?? 0) + 1);
            return "ok";
        }).WithSessionLoaded();
        app.MapGet("/aspnet-session-read", (HttpContext context) => $"{context.Session.GetString("greeting")} {context.Session.GetInt32("visits")} {context.Session.Id}")
            .WithSessionLoaded();
        app.MapGet("/typed-read-of-aspnet-value", async (HttpContext context) => (await context.GetSessionAsync()).Get<byte[]>("greeting") is { } bytes
            ? System.Text.Encoding.UTF8.GetString(bytes)
            : "none");
        app.MapGet("/load-twice", async (HttpContext context) =>
        {
            var first = await context.GetSessionAsync();
            var second = await context.GetSessionAsync();
            return ReferenceEquals(first, second) ? "same" : "different";
        });
        var group = app.MapGroup("/loaded").WithSessionLoaded();
        group.MapGet("/count", (HttpContext context) => context.Session.Keys.Count().ToString());
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Touching_an_unloaded_session_synchronously_throws_a_clear_error()
    {
        var response = await _server.GetAsync("/sync-unloaded");
        var message = await response.Content.ReadAsStringAsync();
        Assert.Contains("The session has not been loaded", message);
        Assert.Contains("GetSessionAsync", message);
        Assert.Contains("[LoadSession]", message);
    }

    [Fact]
    public async Task AspNet_session_reports_unavailable_instead_of_loading_synchronously()
    {
        var response = await _server.GetAsync("/aspnet-session-unloaded");
        Assert.Equal("unavailable", await response.Content.ReadAsStringAsync());
        Assert.Empty(_server.Store.Calls);
    }

    [Fact]
    public async Task AspNet_session_left_unloaded_under_a_valid_cookie_costs_no_store_call_and_changes_no_header()
    {
        var key = (await _server.GetAsync("/aspnet-session-write")).SessionKey();
        _server.Store.Reset();

        var response = await _server.GetAsync("/aspnet-session-unloaded", $"sessionid={key}");

        Assert.Equal("unavailable", await response.Content.ReadAsStringAsync());
        Assert.Empty(_server.Store.Calls);
        Assert.Empty(response.SetCookies());
        Assert.Empty(response.Vary());
    }

    [Fact]
    public async Task AspNet_session_reads_and_writes_the_same_session()
    {
        var first = await _server.GetAsync("/aspnet-session-write");
        var key = first.SessionKey();
        await _server.GetAsync("/aspnet-session-write", $"sessionid={key}");

        var read = await _server.GetAsync("/aspnet-session-read", $"sessionid={key}");

        Assert.Equal($"hello 2 {key}", await read.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AspNet_session_bytes_are_visible_to_the_untyped_api()
    {
        var key = (await _server.GetAsync("/aspnet-session-write")).SessionKey();
        var read = await _server.GetAsync("/typed-read-of-aspnet-value", $"sessionid={key}");
        Assert.Equal("hello", await read.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Session_loaded_metadata_on_a_group_loads_before_the_handler()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("a", 1));
        var response = await _server.GetAsync("/loaded/count", $"sessionid={key}");
        Assert.Equal("2", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Load"], _server.Store.Calls);
    }

    [Fact]
    public async Task Session_is_loaded_once_per_request()
    {
        var key = await _server.SeedSessionAsync();
        var response = await _server.GetAsync("/load-twice", $"sessionid={key}");
        Assert.Equal("same", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Load"], _server.Store.Calls);
    }

    [Fact]
    public async Task Missing_middleware_gives_a_clear_error()
    {
        await using var server = await SessionTestServer.StartAsync(
            app => app.MapGet("/no-middleware", async (HttpContext context) =>
            {
                var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await context.GetSessionAsync());
                return error.Message;
            }),
            useMiddleware: false);
        var response = await server.GetAsync("/no-middleware");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("UseTypedSessions()", await response.Content.ReadAsStringAsync());
    }
}
