using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace TypedSessions.Tests.Samples;

/// <summary>The sample shop, clicked through as a person would: Razor Pages, the cart, sign-in and sign-out.</summary>
public sealed class ShopTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private const string AuthCookie = ".AspNetCore.Cookies";

    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task Browsing_products_sets_no_session_cookie()
    {
        var browser = factory.NewBrowser();
        var page = await browser.GetAsync("/");
        Assert.Contains("Espresso beans", page);
        Assert.Contains("Cart (<span id=\"cart-count\">0</span>)", page);
        Assert.Contains("Sessions are stored in SQLite under a SHA-256 of their key", page);
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task Adding_a_product_twice_changes_its_quantity_in_place()
    {
        var browser = factory.NewBrowser();
        var afterFirst = await browser.PostFormAsync("/", "/?handler=Add&productId=1", NoFields);
        Assert.Contains("Added Espresso beans to your cart.", afterFirst);
        await browser.PostFormAsync("/", "/?handler=Add&productId=1", NoFields);
        await browser.PostFormAsync("/", "/?handler=Add&productId=3", NoFields);

        var cart = await browser.GetAsync("/Cart");

        Assert.Contains("<span class=\"quantity\" id=\"quantity-1\">2</span>", cart);
        Assert.Contains("<span class=\"quantity\" id=\"quantity-3\">1</span>", cart);
        Assert.Contains("Cart (<span id=\"cart-count\">3</span>)", cart);
        Assert.Contains("108.30 €", cart);
    }

    [Fact]
    public async Task Quantities_go_up_and_down_and_a_line_at_zero_disappears()
    {
        var browser = factory.NewBrowser();
        await browser.PostFormAsync("/", "/?handler=Add&productId=2", NoFields);
        await browser.PostFormAsync("/Cart", "/Cart?handler=Change&productId=2&delta=1", NoFields);
        Assert.Contains("id=\"quantity-2\">2<", await browser.GetAsync("/Cart"));

        await browser.PostFormAsync("/Cart", "/Cart?handler=Change&productId=2&delta=-1", NoFields);
        var cart = await browser.PostFormAsync("/Cart", "/Cart?handler=Change&productId=2&delta=-1", NoFields);

        Assert.Contains("Your cart is empty", cart);
    }

    [Fact]
    public async Task Signing_in_cycles_the_key_and_keeps_the_cart()
    {
        var browser = factory.NewBrowser();
        await browser.PostFormAsync("/", "/?handler=Add&productId=4", NoFields);
        var keyBefore = browser.SessionCookie;

        var page = await browser.PostFormAsync("/SignIn", "/SignIn", new Dictionary<string, string> { ["userName"] = "Ada" });

        Assert.Contains("Signed in as <strong>Ada</strong>", page);
        Assert.NotNull(browser.Cookie(AuthCookie));
        Assert.NotNull(keyBefore);
        Assert.NotEqual(keyBefore, browser.SessionCookie);
        Assert.Contains("Cart (<span id=\"cart-count\">1</span>)", page);
        Assert.Null(await DecodeStoredAsync(keyBefore!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A name that is longer than forty characters")]
    public async Task Signing_in_needs_a_name_of_1_to_40_characters(string name)
    {
        var browser = factory.NewBrowser();

        var page = await browser.PostFormAsync("/SignIn", "/SignIn", new Dictionary<string, string> { ["userName"] = name });

        Assert.Contains("Enter a name of 1 to 40 characters.", page);
        Assert.Null(browser.Cookie(AuthCookie));
        Assert.DoesNotContain("Signed in as", page);
    }

    [Fact]
    public async Task Signing_out_flushes_the_session_and_deletes_the_cookie()
    {
        var browser = factory.NewBrowser();
        await browser.PostFormAsync("/", "/?handler=Add&productId=4", NoFields);
        await browser.PostFormAsync("/SignIn", "/SignIn", new Dictionary<string, string> { ["userName"] = "Ada" });
        var signedInKey = browser.SessionCookie!;

        var page = await browser.PostFormAsync("/", "/SignOut", NoFields);

        Assert.Null(browser.SessionCookie);
        Assert.Contains("max-age=0", browser.SessionCookieHeaders[^1]);
        Assert.Null(browser.Cookie(AuthCookie));
        Assert.Contains(browser.SetCookieHeaders, header => header.StartsWith($"{AuthCookie}=;", StringComparison.Ordinal));
        Assert.Contains("Sign in", page);
        Assert.DoesNotContain("Signed in as", page);
        Assert.Contains("Cart (<span id=\"cart-count\">0</span>)", page);
        Assert.Null(await DecodeStoredAsync(signedInKey));
    }

    [Fact]
    public async Task Cookie_check_says_cookies_work_when_the_browser_returns_them()
    {
        var browser = factory.NewBrowser();
        await browser.GetAsync("/CookieCheck");
        var page = await browser.GetAsync("/CookieCheck?check=true");
        Assert.Contains("Cookies work", page);
        Assert.DoesNotContain(Session.TestCookieKey, await browser.GetAsync("/YourSession"));
    }

    [Fact]
    public async Task Cookie_check_explains_when_the_browser_does_not_return_cookies()
    {
        var browser = factory.NewBrowser();
        await browser.GetAsync("/CookieCheck");
        Assert.NotNull(browser.SessionCookie);
        browser.SendsCookies = false;

        var page = await browser.GetAsync("/CookieCheck?check=true");

        Assert.Contains("Your browser did not send the session cookie back", page);
    }

    [Fact]
    public async Task Your_session_page_shows_key_record_id_expiry_and_decoded_data()
    {
        var browser = factory.NewBrowser();
        Assert.Contains("You have no saved session yet", await browser.GetAsync("/YourSession"));
        await browser.PostFormAsync("/", "/?handler=Add&productId=1", NoFields);

        var beforeShow = DateTimeOffset.UtcNow;
        var page = await browser.GetAsync("/YourSession");
        var afterShow = DateTimeOffset.UtcNow;

        var key = browser.SessionCookie!;
        Assert.Contains($"<code id=\"session-key\">{key}</code>", page);
        Assert.Contains($"<code id=\"record-id\">{Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)))}</code>", page);
        Assert.Contains("<code>Cart.Lines</code></td><td><code>[{\"productId\":1,\"quantity\":1}]</code>", page);
        AssertExpiry(page, TimeSpan.FromDays(14), beforeShow, afterShow);
    }

    [Fact]
    public async Task Expiry_buttons_change_the_cookie()
    {
        var browser = factory.NewBrowser();
        await browser.PostFormAsync("/", "/?handler=Add&productId=1", NoFields);

        await browser.PostFormAsync("/YourSession", "/YourSession?handler=BrowserClose", NoFields);
        Assert.DoesNotContain("max-age", browser.SessionCookieHeaders[^1]);

        await browser.PostFormAsync("/YourSession", "/YourSession?handler=OneHour", NoFields);
        Assert.Contains("max-age=3600", browser.SessionCookieHeaders[^1]);
    }

    [Fact]
    public async Task Json_api_binds_the_cart_from_the_session()
    {
        var browser = factory.NewBrowser();
        await browser.PostFormAsync("/", "/?handler=Add&productId=2", NoFields);
        var json = await browser.GetAsync("/api/cart");
        Assert.Contains("\"name\":\"Pour-over kettle\",\"quantity\":1", json);
        Assert.Contains("\"total\":39.00", json);
    }

    [Fact]
    public async Task Sessions_db_holds_record_ids_not_keys()
    {
        var browser = factory.NewBrowser();
        await browser.PostFormAsync("/", "/?handler=Add&productId=1", NoFields);
        var key = browser.SessionCookie!;

        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM typed_sessions WHERE session_key = $key";
        command.Parameters.AddWithValue("$key", key);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
        command.Parameters["$key"].Value = Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key)));
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    private async Task<string?> DecodeStoredAsync(string key)
    {
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT session_data FROM typed_sessions WHERE session_key = $id";
        command.Parameters.AddWithValue("$id", Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(key))));
        return await command.ExecuteScalarAsync() as string;
    }
    /// <summary>
    /// Checks the page's expiry against the time its request ran rather than a fixed text, so a slow machine still
    /// passes: the request slides the expiry, so the date is <paramref name="expiry"/> after it, and the age is that date
    /// less the time the page was made. Both are shown truncated to the second, hence the one-second slack.
    /// </summary>
    private static void AssertExpiry(string page, TimeSpan expiry, DateTimeOffset requestedFrom, DateTimeOffset requestedTo)
    {
        var match = Regex.Match(page, @"<dd id=""expiry"">(?<date>[0-9-]+ [0-9:]+Z) \(in (?<days>\d+)d (?<hours>\d\d)h (?<minutes>\d\d)m (?<seconds>\d\d)s\)");
        Assert.True(match.Success, "The page shows no expiry date and age.");
        var date = DateTimeOffset.ParseExact(match.Groups["date"].Value, "u", CultureInfo.InvariantCulture);
        var age = new TimeSpan(
            int.Parse(match.Groups["days"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["hours"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["minutes"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["seconds"].Value, CultureInfo.InvariantCulture));
        var second = TimeSpan.FromSeconds(1);

        Assert.InRange(date, requestedFrom + expiry - second, requestedTo + expiry);
        Assert.InRange(age, date - requestedTo - second, date + second - requestedFrom);
    }
}
