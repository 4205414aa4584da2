using Microsoft.Playwright;

namespace TypedSessions.Tests.Browser;

/// <summary>
/// The report behind the merge, replayed in Chromium: a shopper with two tabs of the sample shop clicks "Add to cart"
/// for different products in both tabs at the same moment, again and again. Nothing may be lost, and no click may
/// end on an error page.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ShopTwoTabsInChromiumTests(ChromiumBrowser chromium, ShopOnKestrel shop)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ShopOnKestrel>
{
    private const int RoundsPerTab = 10;

    // Each tab alternates between two products, so every click lands on a page whose address differs from the last.
    private static readonly (int Id, string Name)[] FirstTabProducts = [(1, "Espresso beans"), (3, "Hand grinder")];
    private static readonly (int Id, string Name)[] SecondTabProducts = [(2, "Pour-over kettle"), (4, "Paper filters")];

    [SkippableFact]
    public async Task Two_tabs_clicking_add_for_different_products_at_the_same_moment_keep_every_click()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = shop.Address.ToString() });
        var first = await context.NewPageAsync();
        await first.GotoAsync("/");
        await AddAsync(first, FirstTabProducts[0]);
        await first.GotoAsync("/");
        var second = await context.NewPageAsync();
        await second.GotoAsync("/");

        for (var round = 0; round < RoundsPerTab; round++)
        {
            await Task.WhenAll(AddAsync(first, FirstTabProducts[round % 2]), AddAsync(second, SecondTabProducts[round % 2]));
        }

        await first.GotoAsync("/Cart");
        await first.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ChromiumBrowser.ScreenshotFolder, "two-tabs-cart.png"), FullPage = true });

        // Each product got half of its tab's clicks; product 1 also the click that started the session.
        var perProduct = RoundsPerTab / 2;
        Assert.Equal($"{perProduct + 1}", await first.InnerTextAsync("#quantity-1"));
        Assert.Equal($"{perProduct}", await first.InnerTextAsync("#quantity-2"));
        Assert.Equal($"{perProduct}", await first.InnerTextAsync("#quantity-3"));
        Assert.Equal($"{perProduct}", await first.InnerTextAsync("#quantity-4"));
        Assert.Equal($"{1 + (2 * RoundsPerTab)}", await first.InnerTextAsync("#cart-count"));
    }

    // Clicks "Add to cart" and waits for the page it leads to, which must say the product was added. The wait is for
    // that page's response and then its text, not for its load event: with two tabs busy at once on a loaded machine,
    // Chromium's lifecycle events for one tab can arrive too late for a load-state wait.
    private static async Task AddAsync(IPage page, (int Id, string Name) product)
    {
        var landed = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync($"#add-{product.Id}"),
            response => response.Request.IsNavigationRequest && (response.Request.Method == "GET" || response.Status >= 400));
        Assert.True(
            landed.Status == 200 && Uri.UnescapeDataString(landed.Url).Contains($"added={product.Name}", StringComparison.Ordinal),
            $"Adding {product.Name} ended on {landed.Url} with {landed.Status}: {await landed.TextAsync()}");
        await Assertions.Expect(page.Locator("#added")).ToHaveTextAsync($"Added {product.Name} to your cart.");
    }
}
