using TypedSessions.Stores;

namespace TypedSessions.Tests.Authentication;

/// <summary>A sign-in whose key cycle fails never leaves the old (possibly planted) key signed in, even when the app swallows the failure.</summary>
public sealed class SignInFailureTests
{
    [Fact]
    public async Task A_failed_cycle_leaves_the_old_key_anonymous_even_when_the_app_carries_on()
    {
        var store = new CreateFailingStore(new MemorySessionRecordStore(TimeProvider.System));
        await using var app = await SignInTestApp.StartAsync(store: store);
        var browser = app.NewBrowser();
        (await browser.PostAsync("/data/planted")).Dispose();
        var plantedKey = browser.Cookie("sessionid")!;
        store.FailCreates = true;

        using var response = await browser.PostAsync("/login-or-shrug/alice");

        Assert.Equal("not signed in", await response.Content.ReadAsStringAsync());
        store.FailCreates = false;
        var planted = await app.Manager.OpenAsync(plantedKey);
        Assert.Equal("planted", planted.Get<string>("data"));
        Assert.Null(planted.UserId);
        Assert.Equal(plantedKey, browser.Cookie("sessionid"));
        Assert.Null(browser.Cookie("auth"));
    }

    /// <summary>A store whose creates fail as an unreachable server's would, on demand.</summary>
    private sealed class CreateFailingStore(MemorySessionRecordStore inner) : DelegatingSessionRecordStore(inner)
    {
        public volatile bool FailCreates;

        public override ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
            => FailCreates
                ? throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)
                : Inner.CreateAsync(recordId, record, cancellationToken);
    }
}
