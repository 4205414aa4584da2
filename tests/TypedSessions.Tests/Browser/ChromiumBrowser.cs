using Microsoft.Playwright;

namespace TypedSessions.Tests.Browser;

/// <summary>
/// The machine's Chromium, driven by Playwright, started once per test class: headless, without a sandbox (tests run
/// as root in CI) and without background networking, which a closed network refuses. Without an installed Chromium the
/// tests skip with the reason, or fail under <c>CI=true</c>. Screenshots go to <see cref="ScreenshotFolder"/>.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where tests put their screenshots, to be looked at: <c>screenshots</c> beside the test assembly.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>Why there is no browser, or null.</summary>
    public string? UnavailableReason { get; private set; }

    /// <summary>The running browser; the calling test is skipped (or, under CI, fails) when there is none.</summary>
    public IBrowser Browser
    {
        get
        {
            ServerBinaries.SkipOrFailIfUnavailable(UnavailableReason);
            return _browser!;
        }
    }

    public async Task InitializeAsync()
    {
        var executable = ServerBinaries.Find(
            Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium",
            "chromium",
            "chromium-browser");
        if (executable is null)
        {
            UnavailableReason = "Chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH).";
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotFolder);

        // Web-first assertions retry until their text shows; on a loaded machine a page can take longer than the 5 s
        // default. Passing assertions return as soon as they hold, so this only lengthens a failure.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
