using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using TypedSessions.Stores;
using static Microsoft.Playwright.Assertions;

namespace TypedSessions.Tests.Browser;

/// <summary>
/// The cart in Chromium: it outlives a reload, and the "Your session" page shows it as the store holds it.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ShopCartInChromiumTests(ChromiumBrowser chromium, ShopOnKestrel shop)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ShopOnKestrel>
{
    [SkippableFact]
    public async Task The_cart_is_still_there_after_a_reload()
    {
        await using var context = await chromium.NewShopContextAsync(shop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await ShopPages.AddToCartAsync(page, ShopPages.EspressoBeans);
        await ShopPages.AddToCartAsync(page, ShopPages.HandGrinder);
        await ShopPages.AddToCartAsync(page, ShopPages.EspressoBeans);
        await page.GotoAsync("/Cart");
        await ExpectCartAsync(page);

        var reloaded = await page.ReloadAsync();

        // The page came from the server again, asked with the session cookie, not from a cache.
        Assert.NotNull(reloaded);
        Assert.Equal(200, reloaded.Status);
        Assert.Contains($"{shop.SessionOptions.Cookie.Name}=", await reloaded.Request.HeaderValueAsync("cookie") ?? "");
        await ExpectCartAsync(page);
        await ShopPages.ScreenshotAsync(page, "cart-after-reload.png");
    }

    [SkippableFact]
    public async Task Your_session_page_shows_the_cart_as_the_store_holds_it()
    {
        await using var context = await chromium.NewShopContextAsync(shop);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/YourSession");
        await Expect(page.Locator("#no-session")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await ShopPages.AddToCartAsync(page, ShopPages.EspressoBeans);
        await ShopPages.AddToCartAsync(page, ShopPages.HandGrinder);
        await ShopPages.AddToCartAsync(page, ShopPages.EspressoBeans);

        await page.GotoAsync("/YourSession");

        var key = await ShopPages.CookieAsync(context, shop.SessionOptions.Cookie.Name!);
        Assert.NotNull(key);
        await Expect(page.Locator("#session-key")).ToHaveTextAsync(key);
        var rows = await page.Locator("table.decoded tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(row => Array.from(row.querySelectorAll('td'), cell => cell.innerText))");
        await ShopPages.ScreenshotAsync(page, "your-session.png");
        var shown = Assert.Single(rows);
        Assert.Equal(["Cart.Lines", """[{"productId":1,"quantity":2},{"productId":3,"quantity":1}]"""], shown);

        // What the page decoded is what the store keeps under the record id it shows.
        var stored = await StoredValuesAsync(await page.InnerTextAsync("#record-id"));
        Assert.Equal(stored.Select(pair => new[] { pair.Key, pair.Value }), rows);
    }

    private static async Task ExpectCartAsync(IPage page)
    {
        await Expect(page.Locator("#quantity-1")).ToHaveTextAsync("2");
        await Expect(page.Locator("#quantity-3")).ToHaveTextAsync("1");
        await Expect(page.Locator("table.cart tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#cart-count")).ToHaveTextAsync("3");
    }

    private async Task<Dictionary<string, string>> StoredValuesAsync(string recordId)
    {
        await using var connection = new SqliteConnection($"Data Source={shop.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT session_data FROM typed_sessions WHERE session_key = $id";
        command.Parameters.AddWithValue("$id", recordId);
        var data = await command.ExecuteScalarAsync() as string;
        Assert.True(data is not null, $"The store has no session under the record id {recordId} the page shows.");
        return SessionDataFormat.Decode(data);
    }
}
