using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Authentication;

/// <summary>ISessionEvents hears created, key cycled, flushed, revoked and expired, after the store confirmed each; a throwing handler fails nothing.</summary>
public sealed class SessionEventsTests
{
    [Fact]
    public async Task A_sign_in_journey_reports_each_change_with_its_records_and_user()
    {
        var recorder = new RecordingSessionEvents();
        await using var app = await SignInTestApp.StartAsync(services: services => services.AddSingleton<ISessionEvents>(recorder));
        var browser = app.NewBrowser();

        (await browser.PostAsync("/data/x")).Dispose();
        var anonymous = (await app.Manager.OpenAsync(browser.Cookie("sessionid"))).RecordId;
        (await browser.PostAsync("/login/alice")).Dispose();
        var signedIn = (await app.Manager.OpenAsync(browser.Cookie("sessionid"))).RecordId;
        (await browser.PostAsync("/logout")).Dispose();

        Assert.Equal(
            [
                (SessionEventKind.Created, anonymous, null, null),
                (SessionEventKind.KeyCycled, signedIn, anonymous, "alice"),
                (SessionEventKind.Flushed, signedIn, null, "alice"),
            ],
            recorder.Events.Select(e => (e.Kind, (string?)e.RecordId, e.PreviousRecordId, e.UserId)));
    }

    [Fact]
    public async Task Revocations_and_purged_sessions_are_reported()
    {
        // A clock of the test's own: a slow machine must not expire the sessions before they are looked up.
        var recorder = new RecordingSessionEvents();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await SignInTestApp.StartAsync(
            store: new MemorySessionRecordStore(clock),
            configure: options => options.Lifetime = TimeSpan.FromMinutes(1),
            services: services => services.AddSingleton<ISessionEvents>(recorder).AddSingleton<TimeProvider>(clock));
        var revoked = app.NewBrowser();
        var expiring = app.NewBrowser();
        (await revoked.PostAsync("/login/alice")).Dispose();
        (await expiring.PostAsync("/login/bob")).Dispose();
        var revokedRecord = (await app.Manager.OpenAsync(revoked.Cookie("sessionid"))).RecordId!;
        var expiringRecord = (await app.Manager.OpenAsync(expiring.Cookie("sessionid"))).RecordId!;
        recorder.Events.Clear();

        Assert.True(await app.Manager.RevokeAsync(revokedRecord));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await app.Manager.ClearExpiredAsync());

        Assert.Equal(
            [(SessionEventKind.Revoked, revokedRecord, "alice"), (SessionEventKind.Expired, expiringRecord, "bob")],
            recorder.Events.Select(e => (e.Kind, e.RecordId, e.UserId)));
    }

    [Fact]
    public async Task A_handler_that_throws_is_logged_and_the_request_and_other_handlers_go_on()
    {
        var recorder = new RecordingSessionEvents();
        await using var app = await SignInTestApp.StartAsync(services: services =>
        {
            services.AddSingleton<ISessionEvents>(new ThrowingEvents());
            services.AddSingleton<ISessionEvents>(recorder);
        });
        var browser = app.NewBrowser();

        using var response = await browser.PostAsync("/login/alice");

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("alice|alice|-", await browser.GetStringAsync("/whoami"));
        Assert.Equal([SessionEventKind.Created], recorder.Events.Select(e => e.Kind));
        var failure = Assert.Single(app.Logs.GetSnapshot(), log => log.Id.Name == "SessionEventHandlerFailed");
        Assert.Contains(nameof(ThrowingEvents), failure.Message, StringComparison.Ordinal);
    }

    private sealed class ThrowingEvents : ISessionEvents
    {
        public ValueTask OnSessionEventAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
            => throw new InvalidOperationException("The handler's own bug.");
    }
}
