namespace TypedSessions.Samples.Shop.Devices;

/// <summary>
/// A readable name for a session's device from its <c>User-Agent</c>, such as "Chrome on Linux": enough for a person to
/// recognise their own browsers, not a full parser. Anything it does not recognise is shown as it was sent.
/// </summary>
public static class DeviceName
{
    // Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux".
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"), ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"),
    ];

    private static readonly (string Token, string Name)[] Systems =
    [
        ("Windows", "Windows"), ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iPadOS"), ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }

        var browser = First(Browsers, userAgent);
        if (browser is null)
        {
            return userAgent;
        }

        return First(Systems, userAgent) is { } system ? $"{browser} on {system}" : browser;
    }

    private static string? First((string Token, string Name)[] candidates, string userAgent)
        => candidates.FirstOrDefault(candidate => userAgent.Contains(candidate.Token, StringComparison.Ordinal)).Name;
}
