namespace TypedSessions.Tests.Infrastructure;

/// <summary>Reads the headers a session decision writes.</summary>
public static class ResponseHeaders
{
    public static IReadOnlyList<string> SetCookies(this HttpResponseMessage response)
        => response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    public static IReadOnlyList<string> Vary(this HttpResponseMessage response)
        => response.Headers.TryGetValues("Vary", out var values) ? [.. values] : [];

    /// <summary>The session key a response's single Set-Cookie carries.</summary>
    public static string SessionKey(this HttpResponseMessage response)
    {
        var cookie = Assert.Single(response.SetCookies());
        Assert.StartsWith("sessionid=", cookie);
        return cookie["sessionid=".Length..cookie.IndexOf(';')];
    }

    /// <summary>The exact Set-Cookie of a saved session with the default cookie settings.</summary>
    public static string ExpectedCookie(string key, DateTimeOffset now, int maxAgeSeconds = 1_209_600)
        => $"sessionid={key}; expires={now.AddSeconds(maxAgeSeconds).UtcDateTime:R}; max-age={maxAgeSeconds}; path=/; samesite=lax; httponly";

    public const string DeletedCookie = "sessionid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/; samesite=lax; httponly";
}
