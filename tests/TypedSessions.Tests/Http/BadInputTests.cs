using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Http;

/// <summary>Hostile cookies and damaged stored data never fail a request and are never adopted.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(app =>
    {
        app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("name") ?? "none");
        app.MapGet("/read-number", async Task<string> (HttpContext context) => (await context.GetSessionAsync()).Get<int>("count").ToString());
        app.MapGet("/write", async (HttpContext context) =>
        {
            (await context.GetSessionAsync()).Set("name", "ada");
            return "ok";
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> MalformedKeys => new()
    {
        "abc",
        new string('a', 31),
        new string('a', 33),
        new string('a', 10_000),
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
        "abcdefghijklmnopqrstuvwxyz01234%",
        "abcdefghijklmnopqrstuvwxyz01234é",
        "../../etc/passwd",
        "' OR 1=1 --",
    };

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task Malformed_cookie_costs_no_store_lookup_and_is_deleted(string cookie)
    {
        var response = await _server.GetAsync("/read", $"sessionid={Uri.EscapeDataString(cookie)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.Equal([DeletedCookie], response.SetCookies());
        Assert.Empty(_server.Store.Calls);
    }

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task Malformed_cookie_is_never_adopted_on_write(string cookie)
    {
        var response = await _server.GetAsync("/write", $"sessionid={Uri.EscapeDataString(cookie)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^[a-z0-9]{32}$", response.SessionKey());
        Assert.Equal(["Create"], _server.Store.Calls);
    }

    [Fact]
    public async Task Non_ascii_raw_cookie_header_is_handled_without_error()
    {
        var response = await _server.GetAsync("/read", "sessionid=ключ-сессии");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_server.Store.Calls);
    }

    [Fact]
    public async Task Corrupted_stored_data_reads_as_empty_session_logs_a_security_warning_and_never_fails()
    {
        await using var server = await SessionTestServer.StartAsync(
            app => app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("name") ?? "none"),
            services: services => services.AddSingletonStore(new UnreadableStore()));
        var response = await server.GetAsync("/read", "sessionid=abcdefghijklmnopqrstuvwxyz012345");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.Equal([DeletedCookie], response.SetCookies());
        var warning = Assert.Single(server.Logs.GetSnapshot(), log => log.Category == "TypedSessions.Security");
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("Session data corrupted", warning.Message);
    }

    [Fact]
    public async Task Stored_value_of_another_type_reads_as_default_and_is_kept()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("count", "not a number"));
        var response = await _server.GetAsync("/read-number", $"sessionid={key}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Load"], _server.Store.Calls);
        Assert.Equal("not a number", (await _server.Manager.OpenAsync(key)).Get<string>("count"));
        Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "SessionValueMismatch");
    }
}
