using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Http;

/// <summary>
/// Every row of the decision table in DESIGN.md (Django's <c>process_response</c>), over HTTP, asserting the exact
/// Set-Cookie and Vary headers and the store calls made.
/// </summary>
public sealed class DecisionTableTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    internal static Task<SessionTestServer> StartAsync(Action<TypedSessionsOptions>? configure = null) => SessionTestServer.StartAsync(app =>
    {
        app.MapGet("/nothing", () => "ok");
        app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("name") ?? "none");
        app.MapGet("/write", async (HttpContext context) =>
        {
            (await context.GetSessionAsync()).Set("name", "ada");
            return "ok";
        });
        app.MapGet("/write-fails", async (HttpContext context) =>
        {
            (await context.GetSessionAsync()).Set("name", "ada");
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        });
        app.MapGet("/write-unavailable", async (HttpContext context) =>
        {
            (await context.GetSessionAsync()).Set("name", "ada");
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/mutate", async (HttpContext context) =>
        {
            (await context.GetSessionAsync()).Get<List<int>>("list")!.Add(4);
            return "ok";
        });
        app.MapGet("/read-list", async (HttpContext context) =>
        {
            var list = (await context.GetSessionAsync()).Get<List<int>>("list");
            return list is null ? "none" : string.Join(",", list);
        });
        app.MapGet("/flush", async (HttpContext context) =>
        {
            await (await context.GetSessionAsync()).FlushAsync();
            return "ok";
        });
        app.MapGet("/save-then-flush", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            session.Set("name", "ada");
            await session.SaveAsync();
            await session.FlushAsync();
            return "ok";
        });
        app.MapGet("/delete-name", async (HttpContext context) =>
        {
            (await context.GetSessionAsync()).Remove("name");
            return "ok";
        });
        app.MapGet("/clear", async (HttpContext context) =>
        {
            (await context.GetSessionAsync()).Clear();
            return "ok";
        });
    }, configure);

    [Fact]
    public async Task No_cookie_and_handler_does_nothing_sends_no_cookie_no_vary_and_touches_no_store()
    {
        var response = await _server.GetAsync("/nothing");
        Assert.Empty(response.SetCookies());
        Assert.Empty(response.Vary());
        Assert.Empty(_server.Store.Calls);
    }

    [Fact]
    public async Task No_cookie_and_handler_reads_sends_vary_cookie_only()
    {
        var response = await _server.GetAsync("/read");
        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Empty(_server.Store.Calls);
    }

    [Fact]
    public async Task No_cookie_and_handler_writes_creates_record_and_sends_cookie_with_new_key()
    {
        var response = await _server.GetAsync("/write");
        var key = response.SessionKey();
        Assert.Matches("^[a-z0-9]{32}$", key);
        Assert.Equal([ExpectedCookie(key, SessionServices.Start)], response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Create"], _server.Store.Calls);
        Assert.Equal("ada", (await _server.Manager.OpenAsync(key)).Get<string>("name"));
    }

    [Fact]
    public async Task No_cookie_and_handler_flushes_sends_vary_cookie_only()
    {
        var response = await _server.GetAsync("/flush");
        Assert.Empty(response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Empty(_server.Store.Calls);
    }

    [Fact]
    public async Task No_cookie_and_handler_saves_then_flushes_deletes_the_record_it_made_and_sends_no_cookie()
    {
        var response = await _server.GetAsync("/save-then-flush");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Create", "Delete"], _server.Store.Calls);
    }

    [Fact]
    public async Task Valid_cookie_and_handler_does_nothing_sends_nothing_and_touches_no_store()
    {
        var key = await _server.SeedSessionAsync();
        var response = await _server.GetAsync("/nothing", $"sessionid={key}");
        Assert.Empty(response.SetCookies());
        Assert.Empty(response.Vary());
        Assert.Empty(_server.Store.Calls);
    }

    [Fact]
    public async Task Valid_cookie_and_handler_reads_sends_vary_only_and_writes_nothing()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("name", "grace"));
        var response = await _server.GetAsync("/read", $"sessionid={key}");
        Assert.Equal("grace", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Load"], _server.Store.Calls);
    }

    [Fact]
    public async Task Valid_cookie_and_mutable_value_changed_in_place_is_saved_and_cookie_resent()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("list", new List<int> { 1, 2, 3 }));
        var response = await _server.GetAsync("/mutate", $"sessionid={key}");
        Assert.Equal([ExpectedCookie(key, SessionServices.Start)], response.SetCookies());
        Assert.Equal(["Load", "Update"], _server.Store.Calls);
        Assert.Equal("1,2,3,4", await (await _server.GetAsync("/read-list", $"sessionid={key}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Valid_cookie_and_mutable_value_only_read_writes_nothing()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("list", new List<int> { 1, 2, 3 }));
        var response = await _server.GetAsync("/read-list", $"sessionid={key}");
        Assert.Equal("1,2,3", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        Assert.Equal(["Load"], _server.Store.Calls);
    }

    [Fact]
    public async Task Valid_cookie_and_handler_writes_saves_and_resends_cookie_with_refreshed_expiry()
    {
        var key = await _server.SeedSessionAsync();
        _server.Time.Advance(TimeSpan.FromDays(3));
        var response = await _server.GetAsync("/write", $"sessionid={key}");
        Assert.Equal([ExpectedCookie(key, SessionServices.Start.AddDays(3))], response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Load", "Update"], _server.Store.Calls);
        Assert.Equal(SessionServices.Start.AddDays(17), _server.Store.LastUpdate!.ExpiresAt);
    }

    [Theory]
    [InlineData("/write-fails")]
    [InlineData("/write-unavailable")]
    public async Task Valid_cookie_and_handler_writes_with_5xx_status_saves_nothing_and_sends_no_cookie(string path)
    {
        var key = await _server.SeedSessionAsync();
        var response = await _server.GetAsync(path, $"sessionid={key}");
        Assert.True((int)response.StatusCode >= 500);
        Assert.Empty(response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Load"], _server.Store.Calls);
        Assert.Null((await _server.Manager.OpenAsync(key)).Get<string>("name"));
    }

    [Fact]
    public async Task Valid_cookie_and_handler_flushes_deletes_record_and_cookie()
    {
        var key = await _server.SeedSessionAsync();
        var response = await _server.GetAsync("/flush", $"sessionid={key}");
        Assert.Equal([DeletedCookie], response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Load", "Delete"], _server.Store.Calls);
        Assert.False(await _server.Manager.ExistsAsync(key));
    }

    [Fact]
    public async Task Valid_cookie_and_handler_clears_saves_empty_record_and_resends_cookie()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("name", "grace"));
        var response = await _server.GetAsync("/clear", $"sessionid={key}");
        Assert.Equal([ExpectedCookie(key, SessionServices.Start)], response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Load", "Update"], _server.Store.Calls);
        Assert.Empty((await _server.Manager.DecodeAsync(key))!);
    }

    [Fact]
    public async Task Session_emptied_key_by_key_is_saved_empty_and_keeps_its_cookie()
    {
        var key = (await _server.GetAsync("/write")).SessionKey();
        _server.Store.Reset();

        var response = await _server.GetAsync("/delete-name", $"sessionid={key}");

        Assert.Equal([ExpectedCookie(key, SessionServices.Start)], response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Load", "Update"], _server.Store.Calls);
        Assert.Empty((await _server.Manager.DecodeAsync(key))!);
    }

    [Fact]
    public async Task Valid_cookie_and_handler_does_nothing_with_SaveEveryRequest_saves_and_resends_cookie()
    {
        await using var server = await StartAsync(options => options.SaveEveryRequest = true);
        var key = await server.SeedSessionAsync();
        var response = await server.GetAsync("/nothing", $"sessionid={key}");
        Assert.Equal([ExpectedCookie(key, SessionServices.Start)], response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());

        // Nothing changed, so only the expiry moves: a touch, with no rewrite of the data.
        Assert.Equal(["Load", "Touch"], server.Store.Calls);
    }

    [Fact]
    public async Task Unknown_cookie_and_handler_reads_deletes_cookie()
    {
        var response = await _server.GetAsync("/read", "sessionid=abcdefghijklmnopqrstuvwxyz012345");
        Assert.Equal([DeletedCookie], response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.Equal(["Load"], _server.Store.Calls);
    }

    [Fact]
    public async Task Unknown_cookie_and_handler_writes_issues_a_new_random_key()
    {
        const string planted = "abcdefghijklmnopqrstuvwxyz012345";
        var response = await _server.GetAsync("/write", $"sessionid={planted}");
        var key = response.SessionKey();
        Assert.NotEqual(planted, key);
        Assert.Equal(["Load", "Create"], _server.Store.Calls);
        Assert.False(await _server.Manager.ExistsAsync(planted));
    }

    [Fact]
    public async Task Valid_cookie_whose_session_was_deleted_concurrently_answers_400_instead_of_resurrecting()
    {
        await using var server = await StartSignOutRaceAsync();
        var key = await server.SeedSessionAsync();

        var response = await server.GetAsync("/write-after-sign-out-then-redirect", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(SessionInterruptedException.DefaultMessage, await response.Content.ReadAsStringAsync());
        Assert.Null(response.Headers.Location);
        Assert.Empty(response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        Assert.False(await server.Manager.ExistsAsync(key));
    }

    [Fact]
    public async Task Streaming_handler_whose_session_was_deleted_concurrently_gets_400_status_and_no_cookie()
    {
        await using var server = await StartSignOutRaceAsync();
        var key = await server.SeedSessionAsync();

        var response = await server.GetAsync("/write-after-sign-out-then-stream", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(response.SetCookies());
        Assert.False(await server.Manager.ExistsAsync(key));
    }

    private static Task<SessionTestServer> StartSignOutRaceAsync() => SessionTestServer.StartAsync(app =>
    {
        app.MapGet("/write-after-sign-out-then-redirect", async (HttpContext context, ISessionManager manager) =>
        {
            await WriteAfterConcurrentSignOutAsync(context, manager);
            return Results.Redirect("/done");
        });
        app.MapGet("/write-after-sign-out-then-stream", async (HttpContext context, ISessionManager manager) =>
        {
            await WriteAfterConcurrentSignOutAsync(context, manager);
            return "streamed";
        });
    });

    private static async Task WriteAfterConcurrentSignOutAsync(HttpContext context, ISessionManager manager)
    {
        var session = await context.GetSessionAsync();
        await manager.DeleteAsync(session.Key!);
        session.Set("name", "ada");
    }
}
