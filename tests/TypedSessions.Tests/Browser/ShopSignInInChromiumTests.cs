using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TypedSessions.Tests.Browser;

/// <summary>
/// Signing in and out in Chromium: sign-in moves the session to a fresh key and keeps the cart; sign-out deletes both
/// cookies, and the old session cookie, put back into a browser, opens no session.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ShopSignInInChromiumTests(ChromiumBrowser chromium, ShopOnKestrel shop)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ShopOnKestrel>
{
    private string SessionCookie => shop.SessionOptions.Cookie.Name!;

    [SkippableFact]
    public async Task Signing_in_moves_the_session_to_a_new_key_and_keeps_the_cart()
    {
        await using var context = await chromium.NewShopContextAsync(shop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await ShopPages.AddToCartAsync(page, ShopPages.PourOverKettle);
        var keyBefore = await ShopPages.CookieAsync(context, SessionCookie);
        Assert.NotNull(keyBefore);

        await ShopPages.SignInAsync(page, "Ada");

        var keyAfter = await ShopPages.CookieAsync(context, SessionCookie);
        Assert.NotNull(keyAfter);
        Assert.NotEqual(keyBefore, keyAfter);
        await page.GotoAsync("/Cart");
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("Signed in as Ada");
        await Expect(page.Locator("#quantity-2")).ToHaveTextAsync("1");
        await Expect(page.Locator("#cart-count")).ToHaveTextAsync("1");
        await ShopPages.ScreenshotAsync(page, "sign-in-cart-kept.png");

        // The key from before sign-in opens nothing any more.
        await using var planted = await chromium.NewShopContextAsync(shop);
        await planted.AddCookiesAsync([ShopCookie(SessionCookie, keyBefore)]);
        var other = await planted.NewPageAsync();
        await other.GotoAsync("/Cart");
        await Expect(other.Locator("#empty-cart")).ToBeVisibleAsync();
        await Expect(other.Locator("#cart-count")).ToHaveTextAsync("0");
    }

    [SkippableFact]
    public async Task Signing_out_deletes_the_cookies_and_the_old_session_cookie_opens_nothing()
    {
        await using var context = await chromium.NewShopContextAsync(shop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await ShopPages.AddToCartAsync(page, ShopPages.PaperFilters);
        await ShopPages.SignInAsync(page, "Ada");
        var signedIn = (await context.CookiesAsync()).ToList();
        var oldKey = Assert.Single(signedIn, cookie => cookie.Name == SessionCookie).Value;
        Assert.Contains(signedIn, cookie => cookie.Name == ShopPages.AuthCookie);
        await page.GotoAsync("/Cart");
        await Expect(page.Locator("#quantity-4")).ToHaveTextAsync("1");

        await page.ClickAsync("#sign-out");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.Commit });

        await Expect(page.Locator("#sign-in-link")).ToBeVisibleAsync();
        await Expect(page.Locator("#signed-in-as")).ToHaveCountAsync(0);
        await Expect(page.Locator("#cart-count")).ToHaveTextAsync("0");
        Assert.DoesNotContain(await context.CookiesAsync(), cookie => cookie.Name == SessionCookie || cookie.Name == ShopPages.AuthCookie);
        await ShopPages.ScreenshotAsync(page, "sign-out-products.png");

        // Both old cookies put back into a fresh browser: no cart, nobody signed in, and the session cookie is deleted.
        await using var replayed = await chromium.NewShopContextAsync(shop);
        await replayed.AddCookiesAsync(signedIn.Select(cookie => ShopCookie(cookie.Name, cookie.Value)));
        var other = await replayed.NewPageAsync();
        await other.GotoAsync("/Cart");
        await Expect(other.Locator("#empty-cart")).ToBeVisibleAsync();
        await Expect(other.Locator("#cart-count")).ToHaveTextAsync("0");
        await Expect(other.Locator("#sign-in-link")).ToBeVisibleAsync();
        await Expect(other.Locator("#signed-in-as")).ToHaveCountAsync(0);
        await ShopPages.ScreenshotAsync(other, "sign-out-old-cookie-empty-cart.png");
        Assert.DoesNotContain(await replayed.CookiesAsync(), cookie => cookie.Name == SessionCookie);

        // Nor is the old key adopted when the session is next saved: the cart starts under a fresh one.
        await other.GotoAsync("/");
        await ShopPages.AddToCartAsync(other, ShopPages.EspressoBeans);
        var newKey = await ShopPages.CookieAsync(replayed, SessionCookie);
        Assert.NotNull(newKey);
        Assert.NotEqual(oldKey, newKey);
    }

    private Cookie ShopCookie(string name, string value)
        => new() { Name = name, Value = value, Domain = shop.Address.Host, Path = "/", HttpOnly = true, SameSite = SameSiteAttribute.Lax };
}
