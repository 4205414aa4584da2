using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// docs/stores.md: a cookie-store session over 4,096 bytes "fails to save with SessionCookieTooLargeException naming
/// its size, never silently dropped". Over HTTP that is a 500, no Set-Cookie (so the browser keeps the cookie of the
/// last session that fitted, which still reads), and an error log naming the size. The body is the failure's when the
/// save runs before the result (<c>WithSessionLoaded()</c>); a plain minimal API endpoint has written its body by then,
/// so the save runs as the response starts and only the status tells.
/// </summary>
public sealed class CookieStoreOversizedSessionTests : IAsyncLifetime
{
    private const int BrowserCookieLimit = 4_096;

    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(
        app =>
        {
            app.MapSessionNameEndpoints();
            app.MapGet("/grow", async (HttpContext context) =>
            {
                (await context.GetSessionAsync()).Set("big", new string('x', 5_000));
                return "grown";
            });
            app.MapGet("/grow-before-result", async (HttpContext context) =>
            {
                (await context.GetSessionAsync()).Set("big", new string('x', 5_000));
                return "grown";
            }).WithSessionLoaded();
        },
        services: services => services.AddTypedSessions().AddCookieStore());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Growing_past_the_limit_before_the_result_answers_500_and_the_browser_keeps_the_previous_session()
    {
        var cookie = (await _server.GetAsync("/write/ada")).SessionKey();

        var response = await _server.GetAsync("/grow-before-result", $"sessionid={cookie}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("The session is too large to save; nothing was saved.", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        Assert.Equal(["Cookie"], response.Vary());
        await AssertPreviousSessionStillReadsAsync(cookie);
        AssertLoggedNamingTheSize();
    }

    [Fact]
    public async Task Growing_past_the_limit_after_the_body_started_still_answers_500_and_sends_no_cookie()
    {
        var cookie = (await _server.GetAsync("/write/ada")).SessionKey();

        var response = await _server.GetAsync("/grow", $"sessionid={cookie}");

        // The handler's body went out, but the status tells the client nothing was saved.
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("grown", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        await AssertPreviousSessionStillReadsAsync(cookie);
        AssertLoggedNamingTheSize();
    }

    [Fact]
    public async Task A_new_session_past_the_limit_answers_500_and_sets_no_cookie()
    {
        var response = await _server.GetAsync("/grow");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(response.SetCookies());
        AssertLoggedNamingTheSize();
    }

    private async Task AssertPreviousSessionStillReadsAsync(string cookie)
    {
        var read = await _server.GetAsync("/read", $"sessionid={cookie}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
    }

    /// <summary>One error log whose message and exception carry the size of the cookie that could not be sent.</summary>
    private void AssertLoggedNamingTheSize()
    {
        var log = Assert.Single(_server.Logs.GetSnapshot(), entry => entry.Id.Name == "SessionTooLarge");
        Assert.Equal(LogLevel.Error, log.Level);
        var error = Assert.IsType<SessionCookieTooLargeException>(log.Exception);
        Assert.True(error.Size > BrowserCookieLimit, $"Size {error.Size}");
        Assert.Equal(BrowserCookieLimit, error.Limit);
        Assert.Equal($"A session of {error.Size} bytes is over the limit of {BrowserCookieLimit} bytes; nothing was saved.", log.Message);
        Assert.Contains($"{error.Size:N0} bytes", error.Message);
    }
}
