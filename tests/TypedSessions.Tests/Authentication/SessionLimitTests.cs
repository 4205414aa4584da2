using System.Net;
using TypedSessions.Stores;

namespace TypedSessions.Tests.Authentication;

/// <summary>
/// MaxSessionsPerUser: a sign-in past the limit revokes the user's oldest sessions, and two app instances on one store
/// signing the same user in at once agree on which, so the user ends with exactly the newest ones.
/// </summary>
public sealed class SessionLimitTests
{
    [Fact]
    public async Task A_sign_in_past_the_limit_signs_the_oldest_browser_out()
    {
        await using var app = await SignInTestApp.StartAsync(configure: options => options.MaxSessionsPerUser = 2);
        var first = app.NewBrowser();
        var second = app.NewBrowser();
        var third = app.NewBrowser();
        (await first.PostAsync("/login/alice")).Dispose();
        (await second.PostAsync("/login/alice")).Dispose();
        Assert.Equal("secret", await first.GetStringAsync("/private"));

        (await third.PostAsync("/login/alice")).Dispose();

        using var denied = await first.GetAsync("/private");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal("secret", await second.GetStringAsync("/private"));
        Assert.Equal("secret", await third.GetStringAsync("/private"));
        Assert.Equal(2, (await app.Manager.ListUserSessionsAsync("alice")).Count);
        Assert.Contains(app.Logs.GetSnapshot(), log => log.Id.Name == "SessionLimitEnforced");
    }

    [Fact]
    public async Task Signing_in_again_in_the_same_browser_does_not_count_twice()
    {
        await using var app = await SignInTestApp.StartAsync(configure: options => options.MaxSessionsPerUser = 2);
        var first = app.NewBrowser();
        var second = app.NewBrowser();
        (await first.PostAsync("/login/alice")).Dispose();
        (await second.PostAsync("/login/alice")).Dispose();

        (await second.PostAsync("/login/alice")).Dispose();

        Assert.Equal("secret", await first.GetStringAsync("/private"));
        Assert.Equal("secret", await second.GetStringAsync("/private"));
    }

    [Fact]
    public async Task Two_instances_signing_one_user_in_concurrently_leave_exactly_the_newest_sessions()
    {
        const int Limit = 3;
        const int SignInsPerInstance = 12;
        // The sign-ins meet at the store: the memory store completes synchronously, so they would otherwise run in turn.
        var rendezvous = new StoreRendezvous();
        var store = new RendezvousSessionRecordStore(new MemorySessionRecordStore(TimeProvider.System), rendezvous);
        await using var east = await SignInTestApp.StartAsync(store: store, configure: options => options.MaxSessionsPerUser = Limit);
        await using var west = await SignInTestApp.StartAsync(store: store, configure: options => options.MaxSessionsPerUser = Limit);
        var browsers = Enumerable.Range(0, SignInsPerInstance * 2).Select(i => (i % 2 == 0 ? east : west).NewBrowser()).ToList();

        rendezvous.Arm(GatedStoreCall.Create, browsers.Count);
        await Task.WhenAll(browsers.Select(async browser =>
        {
            using var response = await browser.PostAsync("/login/alice");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        Assert.True(rendezvous.Released.IsCompleted, "The sign-ins did not all reach the store together.");

        // Every instance enforced the limit after its own sign-in; the last to list saw every session.
        var remaining = await east.Manager.ListUserSessionsAsync("alice");
        Assert.Equal(Limit, remaining.Count);
        var signedIn = new List<CookieJarClient>();
        foreach (var browser in browsers)
        {
            using var response = await browser.GetAsync("/private");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                signedIn.Add(browser);
            }
        }

        Assert.Equal(Limit, signedIn.Count);
    }
}
