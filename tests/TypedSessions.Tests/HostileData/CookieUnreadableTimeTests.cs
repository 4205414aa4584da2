using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores.Cookie;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.HostileData;

/// <summary>
/// A cookie sealed with the app's own key (a leaked key ring, or a bug of an older version) may still hold times no
/// date can: it reads as an empty session, and a write issues a fresh cookie; neither request fails.
/// </summary>
public sealed class CookieUnreadableTimeTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public static TheoryData<string, string> UnreadableTimes => new()
    {
        { "e", "99999999999999999" },
        { "c", "\"abc\"" },
        { "s", "-99999999999999999" },
    };

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(
        app =>
        {
            app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("name") ?? "none");
            app.MapPost("/write", async (HttpContext context) => (await context.GetSessionAsync()).Set("name", "ada"));
        },
        services: services => services.AddTypedSessions().AddCookieStore());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(UnreadableTimes))]
    public async Task A_sealed_cookie_with_an_unreadable_time_reads_as_empty_and_a_write_issues_a_fresh_cookie(string property, string json)
    {
        var expires = _server.Time.GetUtcNow().AddHours(1).ToUnixTimeMilliseconds();
        var times = new Dictionary<string, string> { ["e"] = $"{expires}", ["c"] = $"{expires - 7_200_000}", ["s"] = $"{expires - 3_600_000}" };
        times[property] = json;
        var cookie = _server.Services.GetRequiredService<CookieSessionSeal>().SealEnvelope(
            Encoding.UTF8.GetBytes($$$"""{"f":1,"e":{{{times["e"]}}},"c":{{{times["c"]}}},"s":{{{times["s"]}}},"v":{"name":"eve"}}"""));

        using var read = await _server.GetAsync("/read", $"sessionid={cookie}");
        using var write = await _server.SendAsync(HttpMethod.Post, "/write", $"sessionid={cookie}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("none", await read.Content.ReadAsStringAsync());
        Assert.Equal([DeletedCookie], read.SetCookies());
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        var fresh = write.SessionKey();
        Assert.NotEqual(cookie, fresh);
        using var reread = await _server.GetAsync("/read", $"sessionid={fresh}");
        Assert.Equal("ada", await reread.Content.ReadAsStringAsync());
    }
}
