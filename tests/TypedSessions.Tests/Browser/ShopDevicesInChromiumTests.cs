using Microsoft.Playwright;

namespace TypedSessions.Tests.Browser;

/// <summary>
/// "Your devices" in Chromium: two devices (two browser contexts, each with its own cookies) sign in as the same user;
/// the first signs the second out from its devices page, and the second, reloading, is back at the sign-in page.
/// Screenshots of the page before and after are saved to be looked at.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class ShopDevicesInChromiumTests(ChromiumBrowser chromium, ShopOnKestrel shop)
    : IClassFixture<ChromiumBrowser>, IClassFixture<ShopOnKestrel>
{
    [SkippableFact]
    public async Task Signing_out_another_device_sends_it_back_to_the_sign_in_page()
    {
        await using var laptop = await chromium.NewShopContextAsync(shop);
        await using var phone = await chromium.NewShopContextAsync(shop);
        var a = await laptop.NewPageAsync();
        var b = await phone.NewPageAsync();
        await a.GotoAsync("/");
        await ShopPages.AddToCartAsync(a, ShopPages.EspressoBeans);
        await ShopPages.SignInAsync(a, "Ada");
        await ShopPages.SignInAsync(b, "Ada");
        await b.GotoAsync("/Devices");
        var phoneRow = await b.GetAttributeAsync("tr.this-device", "id");

        await a.GotoAsync("/Devices");
        Assert.Equal(2, await a.Locator("table.devices tbody tr").CountAsync());
        Assert.Equal("This device", await a.InnerTextAsync($"tr.this-device #this-device"));
        Assert.NotEqual(phoneRow, await a.GetAttributeAsync("tr.this-device", "id"));
        await ShopPages.ScreenshotAsync(a, "devices-before.png");

        await ShopPages.SubmitAsync(a, $"#{phoneRow} .sign-out-device", landsOn: "signedOut=1");
        Assert.Equal("Signed out 1 device.", await a.InnerTextAsync("#signed-out-count"));
        Assert.Equal(1, await a.Locator("table.devices tbody tr").CountAsync());
        await ShopPages.ScreenshotAsync(a, "devices-after.png");

        await b.ReloadAsync();
        await ShopPages.ScreenshotAsync(b, "devices-signed-out-device.png");
        Assert.Equal("/SignIn", new Uri(b.Url).AbsolutePath);
        Assert.Equal(0, await b.Locator("#signed-in-as").CountAsync());
        Assert.DoesNotContain(await phone.CookiesAsync(), cookie => cookie.Name == ShopPages.AuthCookie);
        await a.ReloadAsync();
        Assert.Contains("Ada", await a.InnerTextAsync("#signed-in-as"));
    }
}
