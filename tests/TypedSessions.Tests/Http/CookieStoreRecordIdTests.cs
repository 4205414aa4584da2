using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Engine;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// With the cookie store the cookie is both the record and the credential: what <see cref="Session.RecordId"/> and
/// session events show must be its SHA-256, never the cookie, since both are meant to be displayed and logged.
/// </summary>
public sealed class CookieStoreRecordIdTests : IAsyncLifetime
{
    private readonly RecordingSessionEvents _events = new();
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(
        app =>
        {
            app.MapGet("/write", async (HttpContext context) => (await context.GetSessionAsync()).Set("name", "ada"));
            app.MapGet("/record-id", async (HttpContext context) => (await context.GetSessionAsync()).RecordId ?? "none");
            app.MapGet("/cycle", async (HttpContext context) => await (await context.GetSessionAsync()).CycleKeyAsync());
            app.MapGet("/flush", async (HttpContext context) => await (await context.GetSessionAsync()).FlushAsync());
        },
        services: services => services.AddSingleton<ISessionEvents>(_events).AddTypedSessions().AddCookieStore());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Record_id_shown_and_sent_to_events_is_the_cookies_hash_not_the_cookie()
    {
        var cookie = (await _server.GetAsync("/write")).SessionKey();

        var shown = await (await _server.GetAsync("/record-id", $"sessionid={cookie}")).Content.ReadAsStringAsync();
        Assert.Equal(SessionKeys.ToRecordId(cookie), shown);

        var cycled = (await _server.GetAsync("/cycle", $"sessionid={cookie}")).SessionKey();
        await _server.GetAsync("/flush", $"sessionid={cycled}");

        var keyCycled = Assert.Single(_events.Events, static e => e.Kind == SessionEventKind.KeyCycled);
        Assert.Equal(SessionKeys.ToRecordId(cookie), keyCycled.PreviousRecordId);
        Assert.Equal(SessionKeys.ToRecordId(cycled), keyCycled.RecordId);
        Assert.Equal(SessionKeys.ToRecordId(cycled), Assert.Single(_events.Events, static e => e.Kind == SessionEventKind.Flushed).RecordId);
        Assert.All(_events.Events, e => Assert.False(
            e.RecordId.Contains(cookie, StringComparison.Ordinal) || e.RecordId.Contains(cycled, StringComparison.Ordinal),
            $"{e.Kind} carries a session cookie"));
    }
}
