using TypedSessions.Samples.Shop.Devices;

namespace TypedSessions.Tests.Samples;

/// <summary>The shop's readable device names: common browsers by name and system, anything else as it was sent.</summary>
public sealed class DeviceNameTests
{
    public static TheoryData<string, string> KnownBrowsers => new()
    {
        { "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on Linux" },
        { "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", "Chrome on Linux" },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows" },
        { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0", "Opera on Windows" },
        { "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android" },
        { "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", "Firefox on Android" },
        { "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Linux" },
        { "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS" },
        { "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iOS" },
        { "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", "Chrome on iPadOS" },
        { "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome on ChromeOS" },
        { "curl/8.5.0", "curl" },
    };

    [Theory]
    [MemberData(nameof(KnownBrowsers))]
    public void Known_browsers_are_named_with_their_system(string userAgent, string expected)
        => Assert.Equal(expected, DeviceName.Describe(userAgent));

    [Theory]
    [InlineData("TestBrowser/1.0")]
    [InlineData("Mozilla/5.0 (compatible; ExampleBot/2.1)")]
    public void An_unrecognised_user_agent_is_shown_as_it_was_sent(string userAgent)
        => Assert.Equal(userAgent, DeviceName.Describe(userAgent));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_user_agent_is_an_unknown_device(string? userAgent)
        => Assert.Equal("Unknown device", DeviceName.Describe(userAgent));
}
