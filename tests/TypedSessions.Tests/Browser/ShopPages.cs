using Microsoft.Playwright;

namespace TypedSessions.Tests.Browser;

/// <summary>What the Chromium journeys do on the shop's pages: open a browser, add to the cart, sign in, take a screenshot.</summary>
internal static class ShopPages
{
    /// <summary>The cookie the authentication handler signs a visitor in with.</summary>
    public const string AuthCookie = ".AspNetCore.Cookies";

    public static readonly (int Id, string Name) EspressoBeans = (1, "Espresso beans");
    public static readonly (int Id, string Name) PourOverKettle = (2, "Pour-over kettle");
    public static readonly (int Id, string Name) HandGrinder = (3, "Hand grinder");
    public static readonly (int Id, string Name) PaperFilters = (4, "Paper filters");

    /// <summary>A fresh browser profile (its own cookies) whose relative addresses go to the shop.</summary>
    public static Task<IBrowserContext> NewShopContextAsync(this ChromiumBrowser chromium, ShopOnKestrel shop)
        => chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shop.Address.ToString() });

    // Clicks "Add to cart" and checks the page it leads to says the product was added.
    public static async Task AddToCartAsync(IPage page, (int Id, string Name) product)
    {
        await SubmitAsync(page, $"#add-{product.Id}", landsOn: $"added={product.Name}");
        await Assertions.Expect(page.Locator("#added")).ToHaveTextAsync($"Added {product.Name} to your cart.");
    }

    // Clicks a form's submit button and waits for the page the post lands on after any redirect, which must answer 200
    // at an address containing landsOn. The wait is for that page's response, not for a URL change or load event: on a
    // busy machine Chromium's lifecycle events for a tab can arrive too late for those, and a failure then says which
    // page and status the post ended on instead of only timing out.
    public static async Task SubmitAsync(IPage page, string button, string landsOn)
    {
        var landed = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync(button),
            response => response.Request.IsNavigationRequest && response.Status is < 300 or >= 400);
        Assert.True(
            landed.Status == 200 && Uri.UnescapeDataString(landed.Url).Contains(landsOn, StringComparison.Ordinal),
            $"Clicking {button} ended on {landed.Url} with {landed.Status}: {await landed.TextAsync()}");
    }

    public static async Task SignInAsync(IPage page, string name)
    {
        await page.GotoAsync("/SignIn");
        await page.FillAsync("#userName", name);
        await page.ClickAsync("#sign-in");
        await page.WaitForSelectorAsync("#signed-in-as");
    }

    /// <summary>The value of the context's cookie <paramref name="name"/> for the shop, or null.</summary>
    public static async Task<string?> CookieAsync(IBrowserContext context, string name)
        => (await context.CookiesAsync()).SingleOrDefault(cookie => cookie.Name == name)?.Value;

    public static Task ScreenshotAsync(IPage page, string name)
        => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.ScreenshotFolder, name), FullPage = true });
}
