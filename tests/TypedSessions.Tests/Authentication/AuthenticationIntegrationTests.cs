using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace TypedSessions.Tests.Authentication;

/// <summary>
/// Sign-in and sign-out over HTTP with AddAuthenticationIntegration(), for cookie authentication and for a scheme of
/// the app's own: Django's login() (cycle, or flush for another user) and logout() (flush), and principals whose
/// session ended rejected.
/// </summary>
public sealed class AuthenticationIntegrationTests
{
    public static TheoryData<string, bool> Schemes => new()
    {
        { CookieAuthenticationDefaults.AuthenticationScheme, false },
        { CookieAuthenticationDefaults.AuthenticationScheme, true },
        { PlainCookieAuthenticationHandler.SchemeName, false },
        { PlainCookieAuthenticationHandler.SchemeName, true },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Signing_in_from_an_anonymous_session_moves_it_to_a_new_key_keeps_its_data_and_sets_the_user(string scheme, bool authenticationFirst)
    {
        await using var app = await SignInTestApp.StartAsync(scheme, authenticationFirst: authenticationFirst);
        var browser = app.NewBrowser();
        (await browser.PostAsync("/data/cart-of-3")).Dispose();
        var anonymousKey = browser.Cookie("sessionid");
        Assert.NotNull(anonymousKey);

        using var signIn = await browser.PostAsync("/login/alice");

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var signedInKey = browser.Cookie("sessionid");
        Assert.NotNull(signedInKey);
        Assert.NotEqual(anonymousKey, signedInKey);
        Assert.NotNull(browser.Cookie(app.AuthCookie));
        Assert.Equal("alice|alice|cart-of-3", await browser.GetStringAsync("/whoami"));
        Assert.Null(await app.Manager.DecodeAsync(anonymousKey));
        var stored = await app.Manager.OpenAsync(signedInKey);
        Assert.Equal("alice", stored.UserId);
        Assert.Equal("cart-of-3", stored.Get<string>("data"));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task The_key_from_before_sign_in_no_longer_works(string scheme, bool authenticationFirst)
    {
        await using var app = await SignInTestApp.StartAsync(scheme, authenticationFirst: authenticationFirst);
        var victim = app.NewBrowser();
        (await victim.PostAsync("/data/planted")).Dispose();
        var planted = victim.Cookie("sessionid")!;

        (await victim.PostAsync("/login/alice")).Dispose();

        // The attacker who planted the key holds a key that names nothing now.
        var attacker = app.NewBrowser();
        attacker.SetCookie("sessionid", planted);
        Assert.Equal("anonymous|-|-", await attacker.GetStringAsync("/whoami"));
        Assert.Null(attacker.Cookie("sessionid"));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Signing_in_as_another_user_flushes_the_first_users_session(string scheme, bool authenticationFirst)
    {
        await using var app = await SignInTestApp.StartAsync(scheme, authenticationFirst: authenticationFirst);
        var browser = app.NewBrowser();
        (await browser.PostAsync("/login/alice")).Dispose();
        (await browser.PostAsync("/data/alices-secret")).Dispose();
        var alicesKey = browser.Cookie("sessionid")!;

        (await browser.PostAsync("/login/bob")).Dispose();

        Assert.NotEqual(alicesKey, browser.Cookie("sessionid"));
        Assert.Equal("bob|bob|-", await browser.GetStringAsync("/whoami"));
        Assert.Null(await app.Manager.DecodeAsync(alicesKey));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task Signing_in_again_as_the_same_user_cycles_the_key_and_keeps_the_data(string scheme, bool authenticationFirst)
    {
        await using var app = await SignInTestApp.StartAsync(scheme, authenticationFirst: authenticationFirst);
        var browser = app.NewBrowser();
        (await browser.PostAsync("/login/alice")).Dispose();
        (await browser.PostAsync("/data/kept")).Dispose();
        var first = browser.Cookie("sessionid")!;

        (await browser.PostAsync("/login/alice")).Dispose();

        Assert.NotEqual(first, browser.Cookie("sessionid"));
        Assert.Equal("alice|alice|kept", await browser.GetStringAsync("/whoami"));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task After_sign_out_the_old_session_key_and_the_auth_cookie_are_both_dead(string scheme, bool authenticationFirst)
    {
        await using var app = await SignInTestApp.StartAsync(scheme, authenticationFirst: authenticationFirst);
        var browser = app.NewBrowser();
        (await browser.PostAsync("/login/alice")).Dispose();
        (await browser.PostAsync("/data/private")).Dispose();
        var sessionKey = browser.Cookie("sessionid")!;
        var authCookie = browser.Cookie(app.AuthCookie)!;

        using var signOut = await browser.PostAsync("/logout");

        var setCookies = signOut.Headers.GetValues("Set-Cookie").ToList();
        Assert.Contains(setCookies, cookie => cookie.StartsWith("sessionid=;", StringComparison.Ordinal));
        Assert.Contains(setCookies, cookie => cookie.StartsWith(app.AuthCookie + "=;", StringComparison.Ordinal));
        Assert.Empty(browser.Cookies);
        Assert.Null(await app.Manager.DecodeAsync(sessionKey));

        // A copy of both cookies taken before the sign-out (a stolen pair) gets nowhere.
        var replay = app.NewBrowser();
        replay.SetCookie("sessionid", sessionKey);
        replay.SetCookie(app.AuthCookie, authCookie);
        using var denied = await replay.GetAsync("/private");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal("anonymous|-|-", await replay.GetStringAsync("/whoami"));
        Assert.Null(replay.Cookie(app.AuthCookie));
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_revoked_session_signs_its_browser_out_on_the_next_request(string scheme, bool authenticationFirst)
    {
        await using var app = await SignInTestApp.StartAsync(scheme, authenticationFirst: authenticationFirst);
        var browser = app.NewBrowser();
        (await browser.PostAsync("/login/alice")).Dispose();
        Assert.Equal("secret", await browser.GetStringAsync("/private"));
        var session = await app.Manager.OpenAsync(browser.Cookie("sessionid"));

        Assert.True(await app.Manager.RevokeAsync(session.RecordId!));

        using var denied = await browser.GetAsync("/private");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Contains(denied.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(app.AuthCookie + "=;", StringComparison.Ordinal));
        Assert.Null(browser.Cookie(app.AuthCookie));
        Assert.Equal("anonymous|-|-", await browser.GetStringAsync("/whoami"));
        Assert.Contains(app.Logs.GetSnapshot(), log => log.Id.Name == "SessionEndedPrincipalRejected");
    }

    [Fact]
    public async Task A_principal_signed_in_before_the_integration_was_turned_on_is_not_rejected()
    {
        await using var app = await SignInTestApp.StartAsync(PlainCookieAuthenticationHandler.SchemeName);
        var browser = app.NewBrowser();
        browser.SetCookie(PlainCookieAuthenticationHandler.CookieName, "alice");

        Assert.Equal("secret", await browser.GetStringAsync("/private"));
        Assert.Equal("alice|-|-", await browser.GetStringAsync("/whoami"));
    }

    [Fact]
    public async Task A_principal_bound_to_another_users_session_is_rejected()
    {
        await using var app = await SignInTestApp.StartAsync(PlainCookieAuthenticationHandler.SchemeName);
        var bob = app.NewBrowser();
        (await bob.PostAsync("/login/bob")).Dispose();

        // A session-bound principal for alice, sent with bob's session cookie.
        var forged = app.NewBrowser();
        forged.SetCookie("sessionid", bob.Cookie("sessionid")!);
        forged.SetCookie(PlainCookieAuthenticationHandler.CookieName, "alice." + SessionAuthenticationOptions.SessionBoundClaimType);

        using var denied = await forged.GetAsync("/private");
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.Equal("secret", await bob.GetStringAsync("/private"));
    }
}
