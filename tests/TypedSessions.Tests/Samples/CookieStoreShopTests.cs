using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TypedSessions.Tests.Samples;

/// <summary>The shop with <c>TypedSessions:Store=cookie</c>: the same clicks work with the cart held in the cookie.</summary>
public sealed class CookieStoreShopTests(CookieStoreShopTests.CookieShopFactory factory) : IClassFixture<CookieStoreShopTests.CookieShopFactory>
{
    [Fact]
    public async Task Cart_lives_in_the_encrypted_cookie()
    {
        var browser = new ShopBrowser(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));
        await browser.PostFormAsync("/", "/?handler=Add&productId=1", new Dictionary<string, string>());
        var afterFirst = browser.SessionCookie;
        await browser.PostFormAsync("/", "/?handler=Add&productId=1", new Dictionary<string, string>());

        var cart = await browser.GetAsync("/Cart");

        Assert.Contains("<span class=\"quantity\" id=\"quantity-1\">2</span>", cart);
        Assert.NotEqual(afterFirst, browser.SessionCookie);
        Assert.True(browser.SessionCookie!.Length > 100, "The cookie carries the encrypted cart, not a 32-character key.");
        Assert.DoesNotContain("productId", browser.SessionCookie);
        Assert.Contains("Sessions are stored, encrypted, in the session cookie itself", cart);
        Assert.DoesNotContain("SQLite", cart);
    }

    [Fact]
    public void Unknown_store_name_fails_at_startup_with_the_choices()
    {
        using var broken = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder.UseSetting("TypedSessions:Store", "mongodb"));
        var error = Assert.Throws<InvalidOperationException>(() => broken.CreateClient());
        Assert.Contains("use sqlite, redis, postgres or cookie", error.Message);
    }

    public sealed class CookieShopFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("TypedSessions:Store", "cookie");
    }
}
