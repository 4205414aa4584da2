namespace TypedSessions;

public sealed partial class Session
{
    /// <summary>The key that <see cref="SetTestCookie"/> sets, as Django's.</summary>
    public const string TestCookieKey = "testcookie";

    private const string TestCookieValue = "worked";

    /// <summary>Sets a marker that, read on a later request, proves the browser returns cookies.</summary>
    public void SetTestCookie() => Set(TestCookieKey, TestCookieValue);

    /// <summary>Whether the marker of <see cref="SetTestCookie"/> came back.</summary>
    public bool TestCookieWorked() => TryGet<string>(TestCookieKey, out var value) && value == TestCookieValue;

    /// <summary>Removes the marker of <see cref="SetTestCookie"/>.</summary>
    public void DeleteTestCookie() => Remove(TestCookieKey);
}
