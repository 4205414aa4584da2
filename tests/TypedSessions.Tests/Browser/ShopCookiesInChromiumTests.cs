using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TypedSessions.Tests.Browser;

/// <summary>
/// The session cookie as Chromium gets it: its attributes and lifetime, and the cookie-check page with cookies allowed
/// and with them blocked.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ShopCookiesInChromiumTests(ChromiumBrowser chromium, ShopOnKestrel shop)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ShopOnKestrel>
{
    // Keeps no cookies and follows no redirects: the browser does both itself.
    private static readonly HttpClient CookielessClient = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    [SkippableFact]
    public async Task The_session_cookie_is_HttpOnly_SameSite_Lax_and_lives_as_long_as_configured()
    {
        var options = shop.SessionOptions;
        var name = options.Cookie.Name!;
        Assert.Equal("sessionid", name);
        Assert.False(options.ExpireAtBrowserClose, "The shop is configured for browser-close cookies, which have no Max-Age.");
        var lifetime = options.Lifetime;
        await using var context = await chromium.NewShopContextAsync(shop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.DoesNotContain(await context.CookiesAsync(), cookie => cookie.Name == name);

        // Cookie expiries are whole seconds: the earliest is the second the click started in.
        var before = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var posted = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync($"#add-{ShopPages.EspressoBeans.Id}"), response => response.Request.Method == "POST");
        await page.WaitForURLAsync(url => url.Contains("added=", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        var after = DateTimeOffset.UtcNow;

        // What the server sent.
        var header = Assert.Single(await posted.HeaderValuesAsync("set-cookie"), value => value.StartsWith($"{name}=", StringComparison.Ordinal));
        var parts = header.Split(';', StringSplitOptions.TrimEntries);
        var value = parts[0][(name.Length + 1)..];
        var attributes = parts.Skip(1).Select(part => part.Split('=', 2)).ToDictionary(
            pair => pair[0], pair => pair.Length > 1 ? pair[1] : "", StringComparer.OrdinalIgnoreCase);
        Assert.True(attributes.ContainsKey("httponly"), header);
        Assert.Equal("lax", attributes.GetValueOrDefault("samesite"), ignoreCase: true);
        Assert.Equal("/", attributes.GetValueOrDefault("path"));
        Assert.False(attributes.ContainsKey("secure"), header);
        Assert.Equal(((long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture), attributes.GetValueOrDefault("max-age"));
        var expires = DateTimeOffset.ParseExact(attributes["expires"], "r", CultureInfo.InvariantCulture);
        Assert.InRange(expires, before + lifetime, after + lifetime);

        // What Chromium kept.
        var cookie = Assert.Single(await context.CookiesAsync(), candidate => candidate.Name == name);
        Assert.Equal(value, cookie.Value);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        Assert.False(cookie.Secure);
        Assert.Equal("/", cookie.Path);
        Assert.Equal(shop.Address.Host, cookie.Domain);
        var kept = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round((double)cookie.Expires * 1000));
        // Playwright for .NET hands the expiry over as a float, whose steps at today's Unix times are 128 s apart, so
        // this checks the lifetime to within that step; the exact date is the Set-Cookie header's, checked above.
        var slack = TimeSpan.FromSeconds(64 + 1);
        Assert.InRange(kept, before + lifetime - slack, after + lifetime + slack);

        // HttpOnly as the page's scripts see it: the cookie is there, but not to them.
        Assert.DoesNotContain($"{name}=", await page.EvaluateAsync<string>("() => document.cookie"));

        await page.GotoAsync("/YourSession");
        await Expect(page.Locator("#session-key")).ToHaveTextAsync(value);
        // The page shows the expiry a save now would give, the configured lifetime from now: not before the cookie's.
        var shown = DateTimeOffset.ParseExact((await page.InnerTextAsync("#expiry"))[..20], "u", CultureInfo.InvariantCulture);
        Assert.InRange(shown, expires, DateTimeOffset.UtcNow + lifetime);
        await ShopPages.ScreenshotAsync(page, "cookie-your-session-expiry.png");
    }

    [SkippableFact]
    public async Task Cookie_check_says_cookies_work_when_Chromium_keeps_them()
    {
        await using var context = await chromium.NewShopContextAsync(shop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/CookieCheck");

        await page.ClickAsync("#check-cookies");

        await Expect(page.Locator("#cookies-work")).ToHaveTextAsync("Cookies work: your browser sent the test cookie back.");
        await Expect(page.Locator("#cookies-blocked")).ToHaveCountAsync(0);
        await ShopPages.ScreenshotAsync(page, "cookie-check-cookies-work.png");
    }

    [SkippableFact]
    public async Task Cookie_check_explains_when_cookies_are_blocked_for_the_site()
    {
        await using var context = await chromium.NewShopContextAsync(shop);
        var stripped = new ConcurrentQueue<string>();
        await BlockCookiesAsync(context, stripped);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/CookieCheck");

        // The page did try to set the session cookie, and Chromium kept nothing.
        Assert.Contains(stripped, header => header.StartsWith($"{shop.SessionOptions.Cookie.Name}=", StringComparison.Ordinal));
        Assert.Empty(await context.CookiesAsync());

        await page.ClickAsync("#check-cookies");

        await Expect(page.Locator("#cookies-blocked")).ToHaveTextAsync(
            "Your browser did not send the session cookie back, so the shop cannot remember your cart. Enable cookies for this site and try again.");
        Assert.Contains("check=true", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#cookies-work")).ToHaveCountAsync(0);
        await ShopPages.ScreenshotAsync(page, "cookie-check-cookies-blocked.png");
    }

    // Cookies blocked for the site, as a browser setting blocks them: every response reaches the page without its
    // Set-Cookie headers (kept in stripped, to show there were some), so Chromium stores nothing and sends nothing back.
    // The requests go out through a cookieless HttpClient: Playwright's own route.FetchAsync would store the response's
    // cookies in the context before the page ever sees the response.
    private static Task BlockCookiesAsync(IBrowserContext context, ConcurrentQueue<string> stripped)
        => context.RouteAsync("**/*", async route =>
        {
            var request = route.Request;
            using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
            if (request.PostDataBuffer is { } body)
            {
                forwarded.Content = new ByteArrayContent(body);
            }

            foreach (var (name, value) in await request.AllHeadersAsync())
            {
                if (name.StartsWith(':') || name is "host" or "content-length" || forwarded.Headers.TryAddWithoutValidation(name, value))
                {
                    continue;
                }

                forwarded.Content?.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await CookielessClient.SendAsync(forwarded);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var value in values)
                    {
                        stripped.Enqueue(value);
                    }
                }
                else
                {
                    headers[name] = string.Join(", ", values);
                }
            }

            await route.FulfillAsync(new RouteFulfillOptions
            {
                Status = (int)response.StatusCode,
                Headers = headers,
                BodyBytes = await response.Content.ReadAsByteArrayAsync(),
            });
        });
}
