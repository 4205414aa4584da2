using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Mvc;

/// <summary>MVC controllers reach the session through [LoadSession] metadata, HttpContext.Session and TempData.</summary>
public sealed class MvcSessionTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(
        app => app.MapControllers(),
        services: services => services
            .AddControllersWithViews()
            .AddSessionStateTempDataProvider()
            .AddApplicationPart(typeof(MvcSessionTests).Assembly));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Controller_with_LoadSession_uses_HttpContext_Session_synchronously()
    {
        var first = await _server.GetAsync("/mvc/visits");
        var key = first.SessionKey();
        var second = await _server.GetAsync("/mvc/visits", $"sessionid={key}");
        Assert.Equal("1", await first.Content.ReadAsStringAsync());
        Assert.Equal("2", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TempData_session_provider_round_trips_through_the_session_once()
    {
        var flash = await _server.SendAsync(HttpMethod.Post, "/mvc/flash");
        var key = flash.SessionKey();

        var read = await _server.GetAsync("/mvc/flash", $"sessionid={key}");
        var readAgain = await _server.GetAsync("/mvc/flash", $"sessionid={key}");

        Assert.Equal("saved!", await read.Content.ReadAsStringAsync());
        Assert.Equal("none", await readAgain.Content.ReadAsStringAsync());
        // Only the session cookie is sent back, so the message can only have come through the session.
        Assert.Single(flash.SetCookies());
    }
}
