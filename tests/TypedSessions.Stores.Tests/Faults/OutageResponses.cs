using System.Globalization;
using TypedSessions.Stores.Tests.EndToEnd;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>The documented answers to a session request while the store is down (text bodies: the app has no ProblemDetails).</summary>
internal static class OutageResponses
{
    /// <summary>Nothing was written: the store was known to be down (or refused the connection), so nothing was sent.</summary>
    public const string Unavailable = "The session store is unavailable; nothing was saved. Try again shortly.";

    /// <summary>A write that timed out or failed under way: the store may have applied it, or may still.</summary>
    public const string MayHaveBeenWritten =
        "The session store did not confirm the save in time; it may or may not have been saved. Reload before trying again.";

    public static bool IsMayHaveBeenWritten(RawHttpResponse response) =>
        response.StatusCode == 503 && response.BodyText == MayHaveBeenWritten;

    /// <summary>A 503 with a whole-second <c>Retry-After</c>, no session cookie, and one of the documented bodies.</summary>
    public static void AssertDocumented503(RawHttpResponse response)
    {
        AssertOutageStatus(response);
        Assert.True(
            response.BodyText is Unavailable or MayHaveBeenWritten,
            $"Not a documented outage body: '{response.BodyText}'\n{response}");
    }

    /// <summary>503, <c>Retry-After</c> of at least one second, and no session cookie (nothing is known to be saved).</summary>
    public static void AssertOutageStatus(RawHttpResponse response)
    {
        Assert.True(response.StatusCode == 503, $"Expected 503:\n{response}\n{response.BodyText}");
        var retryAfter = response.GetValue("Retry-After");
        Assert.True(
            int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 1,
            $"Retry-After '{retryAfter}' is not a number of seconds:\n{response}");
        Assert.Empty(response.GetValues("Set-Cookie"));
    }
}
