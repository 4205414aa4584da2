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
    private static readonly (int Id, string Name)[] FirstTabProducts = [ShopPages.EspressoBeans, ShopPages.HandGrinder];
    private static readonly (int Id, string Name)[] SecondTabProducts = [ShopPages.PourOverKettle, ShopPages.PaperFilters];

    [SkippableFact]
    public async Task Two_tabs_clicking_add_for_different_products_at_the_same_moment_keep_every_click()
    {
        await using var context = await chromium.NewShopContextAsync(shop);
        var first = await context.NewPageAsync();
        await first.GotoAsync("/");
        await ShopPages.AddToCartAsync(first, FirstTabProducts[0]);
        await first.GotoAsync("/");
        var second = await context.NewPageAsync();
        await second.GotoAsync("/");

        for (var round = 0; round < RoundsPerTab; round++)
        {
            await Task.WhenAll(ShopPages.AddToCartAsync(first, FirstTabProducts[round % 2]), ShopPages.AddToCartAsync(second, SecondTabProducts[round % 2]));
        }

        await first.GotoAsync("/Cart");
        await ShopPages.ScreenshotAsync(first, "two-tabs-cart.png");

        // Each product got half of its tab's clicks; product 1 also the click that started the session.
        var perProduct = RoundsPerTab / 2;
        Assert.Equal($"{perProduct + 1}", await first.InnerTextAsync("#quantity-1"));
        Assert.Equal($"{perProduct}", await first.InnerTextAsync("#quantity-2"));
        Assert.Equal($"{perProduct}", await first.InnerTextAsync("#quantity-3"));
        Assert.Equal($"{perProduct}", await first.InnerTextAsync("#quantity-4"));
        Assert.Equal($"{1 + (2 * RoundsPerTab)}", await first.InnerTextAsync("#cart-count"));
    }
}
