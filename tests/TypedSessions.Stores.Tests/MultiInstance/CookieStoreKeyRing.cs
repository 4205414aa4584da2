using System.Net;
using Microsoft.Extensions.Logging;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>The steps and checks the cookie store's key ring tests share, whatever keeps the key ring.</summary>
internal static class CookieStoreKeyRing
{
    /// <summary>The log event of a session cookie this app's key ring did not seal.</summary>
    public const string UnsealedEvent = "UnsealedSessionCookie";

    /// <summary>
    /// Sets a key on instance 0 and reads the keys on instance 1, then sets another on instance 1 and reads them on
    /// instance 0: each cookie is sealed by one instance and opened by the other.
    /// </summary>
    public static async Task<string[][]> WriteOnEachReadOnTheOtherAsync(InstanceBrowser browser)
    {
        await SucceedsAsync(browser.SendToAsync(0, HttpMethod.Post, "/set/a/1"));
        var readOnOne = await browser.KeysOnAsync(1);
        await SucceedsAsync(browser.SendToAsync(1, HttpMethod.Post, "/set/b/2"));
        var readOnZero = await browser.KeysOnAsync(0);
        return [readOnOne, readOnZero];
    }

    /// <summary>
    /// A cookie sealed on instance 0 reads as an empty session on instance 1 (whose key ring differs), which logs one
    /// warning saying so and nothing worse, and a save there still answers 200.
    /// </summary>
    public static async Task AssertUnreadableOnTheOtherAsync(AppInstances instances)
    {
        using var browser = instances.NewBrowser();
        await SucceedsAsync(browser.SendToAsync(0, HttpMethod.Post, "/set/a/1"));

        Assert.Empty(await browser.KeysOnAsync(1));
        await SucceedsAsync(browser.SendToAsync(1, HttpMethod.Post, "/set/b/2"));

        var logs = instances.Logs[1].GetSnapshot();
        var unsealed = Assert.Single(logs, log => log.Id.Name == UnsealedEvent);
        Assert.Equal(LogLevel.Warning, unsealed.Level);
        Assert.Equal("TypedSessions.Security", unsealed.Category);
        Assert.DoesNotContain(logs, log => log.Level >= LogLevel.Error);
        Assert.DoesNotContain(instances.Logs[0].GetSnapshot(), log => log.Id.Name == UnsealedEvent);
    }

    private static async Task SucceedsAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
