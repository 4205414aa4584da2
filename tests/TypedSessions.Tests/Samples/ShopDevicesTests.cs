using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace TypedSessions.Tests.Samples;

/// <summary>
/// The shop's "Your devices" page over HTTP: browsers signed in as one user see each other, one signs another out (which
/// is back at the sign-in page on its next click) or all the others, and nobody can sign out someone else's device.
/// </summary>
public sealed partial class ShopDevicesTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    private const string AuthCookie = ".AspNetCore.Cookies";
    private const string ChromeOnLinux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    private const string FirefoxOnAndroid = "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0";

    private static readonly Dictionary<string, string> NoFields = [];

    [Fact]
    public async Task Two_devices_of_one_user_are_listed_with_this_device_marked()
    {
        var user = NewUserName();
        var laptop = await SignedInAsync(user, ChromeOnLinux);
        var phone = await SignedInAsync(user, FirefoxOnAndroid);

        var fromLaptop = await laptop.GetAsync("/Devices");
        var fromPhone = await phone.GetAsync("/Devices");

        Assert.Equal(2, Rows(fromLaptop).Count);
        Assert.Equal(RecordIdOf(laptop), ThisDevice(fromLaptop));
        Assert.Equal(RecordIdOf(phone), ThisDevice(fromPhone));
        Assert.Equal(Rows(fromLaptop).Order(), Rows(fromPhone).Order());
        Assert.Single(Regex.Matches(fromLaptop, "id=\"this-device\""));
        Assert.Single(Regex.Matches(fromLaptop, "class=\"sign-out-device\""));
        Assert.Contains(">Chrome on Linux<", fromLaptop);
        Assert.Contains(">Firefox on Android<", fromLaptop);
        Assert.Contains("id=\"sign-out-others\"", fromLaptop);
    }

    [Fact]
    public async Task Signing_out_another_device_signs_it_out_on_its_next_request_and_this_one_stays()
    {
        var user = NewUserName();
        var laptop = await SignedInAsync(user, ChromeOnLinux);
        var phone = await SignedInAsync(user, FirefoxOnAndroid);

        var page = await laptop.PostFormAsync("/Devices", $"/Devices?handler=SignOutDevice&recordId={RecordIdOf(phone)}", NoFields);

        Assert.Contains("Signed out 1 device.", page);
        Assert.Equal([RecordIdOf(laptop)], Rows(page));
        await AssertSignedOutAsync(phone);
        Assert.Contains($"Signed in as <strong>{user}</strong>", await laptop.GetAsync("/Devices"));
    }

    [Fact]
    public async Task Sign_out_everywhere_else_keeps_this_device_and_other_users()
    {
        var user = NewUserName();
        var current = await SignedInAsync(user, ChromeOnLinux);
        var others = new[] { await SignedInAsync(user, FirefoxOnAndroid), await SignedInAsync(user, ChromeOnLinux) };
        var someoneElse = await SignedInAsync(NewUserName(), ChromeOnLinux);

        var page = await current.PostFormAsync("/Devices", "/Devices?handler=SignOutOthers", NoFields);

        Assert.Contains("Signed out 2 devices.", page);
        Assert.Equal([RecordIdOf(current)], Rows(page));
        foreach (var other in others)
        {
            await AssertSignedOutAsync(other);
        }

        Assert.Equal([RecordIdOf(someoneElse)], Rows(await someoneElse.GetAsync("/Devices")));
    }

    [Fact]
    public async Task A_user_cannot_sign_out_another_users_device()
    {
        var alice = await SignedInAsync(NewUserName(), ChromeOnLinux);
        var mallory = await SignedInAsync(NewUserName(), FirefoxOnAndroid);

        using var response = await mallory.PostFormForResponseAsync("/Devices", $"/Devices?handler=SignOutDevice&recordId={RecordIdOf(alice)}", NoFields);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal([RecordIdOf(alice)], Rows(await alice.GetAsync("/Devices")));
    }

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_sign_in_and_back()
    {
        var browser = factory.NewBrowser();

        using var redirect = await browser.GetWithoutRedirectAsync("/Devices");
        var page = await browser.PostFormAsync("/SignIn?ReturnUrl=%2FDevices", "/SignIn?ReturnUrl=%2FDevices", new Dictionary<string, string> { ["userName"] = NewUserName() });

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/SignIn", redirect.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2FDevices", redirect.Headers.Location.Query);
        Assert.Equal([RecordIdOf(browser)], Rows(page));
    }

    [Fact]
    public async Task Signing_in_keeps_the_cart_and_changes_the_session_key()
    {
        var browser = factory.NewBrowser();
        await browser.PostFormAsync("/", "/?handler=Add&productId=2", NoFields);
        var anonymousKey = browser.SessionCookie;

        var page = await browser.PostFormAsync("/SignIn", "/SignIn", new Dictionary<string, string> { ["userName"] = NewUserName() });

        Assert.NotNull(anonymousKey);
        Assert.NotEqual(anonymousKey, browser.SessionCookie);
        Assert.Contains("Cart (<span id=\"cart-count\">1</span>)", page);
        Assert.Equal([RecordIdOf(browser)], Rows(await browser.GetAsync("/Devices")));
    }

    // Its next request is turned away to the sign-in page, deleting its authentication cookie on the way.
    private static async Task AssertSignedOutAsync(ShopBrowser browser)
    {
        using var response = await browser.GetWithoutRedirectAsync("/Devices");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/SignIn", response.Headers.Location!.AbsolutePath);
        Assert.Null(browser.Cookie(AuthCookie));
        Assert.DoesNotContain("Signed in as", await browser.GetAsync("/"));
    }

    private async Task<ShopBrowser> SignedInAsync(string user, string userAgent)
    {
        var browser = factory.NewBrowser(userAgent);
        await browser.PostFormAsync("/SignIn", "/SignIn", new Dictionary<string, string> { ["userName"] = user });
        Assert.NotNull(browser.Cookie(AuthCookie));
        return browser;
    }

    // Tests share the shop, so each signs in users of its own.
    private static string NewUserName() => $"user-{Guid.NewGuid():N}";

    private static string RecordIdOf(ShopBrowser browser)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(browser.SessionCookie!)));

    private static List<string> Rows(string page) => DeviceRow().Matches(page).Select(match => match.Groups[1].Value).ToList();

    private static string ThisDevice(string page) => Assert.Single(DeviceRow().Matches(page), match => match.Groups[2].Success).Groups[1].Value;

    [GeneratedRegex("<tr id=\"device-([0-9a-f]{64})\"( class=\"this-device\")?>")]
    private static partial Regex DeviceRow();
}
