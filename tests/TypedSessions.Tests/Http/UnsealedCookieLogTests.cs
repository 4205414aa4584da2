using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Cookie;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// Anyone can send the cookie store a cookie it never sealed, without signing in. Such cookies must not flood the
/// Warning log: one Warning a minute per process, without a stack trace, and the rest at Debug.
/// </summary>
public sealed class UnsealedCookieLogTests : IAsyncLifetime
{
    private const string SecurityCategory = "TypedSessions.Security";

    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(
        app => app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("name") ?? "none"),
        services: services => services.AddTypedSessions().AddCookieStore());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Many_forged_cookies_give_one_Warning_without_a_stack_trace_and_the_rest_at_Debug()
    {
        const int Requests = 50;
        for (var i = 0; i < Requests; i++)
        {
            var response = await _server.GetAsync("/read", $"sessionid={ForgedCookie()}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var security = _server.Logs.GetSnapshot().Where(log => log.Category == SecurityCategory).ToList();
        var warning = Assert.Single(security, log => log.Level >= LogLevel.Warning);
        Assert.Equal(52, warning.Id.Id);
        Assert.Equal("UnsealedSessionCookie", warning.Id.Name);
        Assert.Null(warning.Exception);
        Assert.Contains("this app's key ring did not seal it", warning.Message);
        var debug = security.Where(log => log.Level == LogLevel.Debug).ToList();
        Assert.Equal(Requests - 1, debug.Count);
        Assert.All(debug, log => Assert.Equal("UnsealedSessionCookieRepeated", log.Id.Name));
        Assert.All(debug, log => Assert.Null(log.Exception));
    }

    [Fact]
    public async Task A_minute_later_the_next_forged_cookie_is_a_Warning_again_counting_those_logged_at_Debug_meanwhile()
    {
        for (var i = 0; i < 5; i++)
        {
            await _server.GetAsync("/read", $"sessionid={ForgedCookie()}");
        }

        _server.Time.Advance(UnsealedCookieLog.WarningInterval - TimeSpan.FromSeconds(1));
        await _server.GetAsync("/read", $"sessionid={ForgedCookie()}");
        _server.Time.Advance(TimeSpan.FromSeconds(1));
        await _server.GetAsync("/read", $"sessionid={ForgedCookie()}");

        var warnings = _server.Logs.GetSnapshot().Where(log => log.Category == SecurityCategory && log.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("(0 since the last)", warnings[0].Message);
        Assert.Contains("(5 since the last)", warnings[1].Message);
    }

    [Fact]
    public void Concurrent_reports_past_the_interval_give_one_Warning()
    {
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs)));
        var log = new UnsealedCookieLog(new FakeTimeProvider(SessionServices.Start), loggerFactory);

        Parallel.For(0, 2_000, _ => log.Report("The payload was invalid."));

        Assert.Single(logs.GetSnapshot(), entry => entry.Level == LogLevel.Warning);
        Assert.Equal(1_999, logs.GetSnapshot().Count(entry => entry.Level == LogLevel.Debug));
    }

    private static string ForgedCookie() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(1, 3_000)));
}
