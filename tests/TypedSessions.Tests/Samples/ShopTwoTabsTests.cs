namespace TypedSessions.Tests.Samples;

/// <summary>
/// A shopper with two tabs of the sample shop (one browser, one cookie jar) adding different products at the same
/// moment, twenty times in each tab: with the default options and the cart's lines told apart by product, every click
/// is in the cart and every request succeeded.
/// </summary>
public sealed class ShopTwoTabsTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private const int ClicksPerTab = 20;

    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task Two_tabs_adding_different_products_at_the_same_moment_lose_no_click()
    {
        var first = factory.NewBrowser();
        await first.PostFormAsync("/", "/?handler=Add&productId=1", NoFields);
        var second = first.NewTab();

        // Round i: the first tab adds product 1 or 3 while the second adds 2 or 4, released together.
        for (var round = 0; round < ClicksPerTab; round++)
        {
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clicks = new[] { (Tab: first, Product: 1 + (2 * (round % 2))), (Tab: second, Product: 2 + (2 * (round % 2))) }
                .Select(click => Task.Run(async () =>
                {
                    await go.Task;
                    return await click.Tab.PostFormAsync("/", $"/?handler=Add&productId={click.Product}", NoFields);
                }))
                .ToList();
            go.SetResult();
            await Task.WhenAll(clicks);
        }

        var cart = await first.GetAsync("/Cart");

        // Each product got half of its tab's clicks; product 1 also the click that started the session.
        Assert.Contains("id=\"quantity-1\">11<", cart);
        Assert.Contains("id=\"quantity-2\">10<", cart);
        Assert.Contains("id=\"quantity-3\">10<", cart);
        Assert.Contains("id=\"quantity-4\">10<", cart);
        Assert.Contains($"Cart (<span id=\"cart-count\">{1 + (2 * ClicksPerTab)}</span>)", cart);
    }
}
