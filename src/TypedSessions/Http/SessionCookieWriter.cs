using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TypedSessions;

/// <summary>Writes the session cookie and <c>Vary: Cookie</c> on a response.</summary>
internal static class SessionCookieWriter
{
    public static void Append(HttpContext context, CookieBuilder cookie, string key, TimeSpan? maxAge, DateTimeOffset now)
    {
        var options = cookie.Build(context);

        // A session set to expire at once (a zero or negative age) gets Max-Age=0, which browsers read as "delete now".
        options.MaxAge = maxAge is { } age ? (age < TimeSpan.Zero ? TimeSpan.Zero : age) : null;
        options.Expires = now + options.MaxAge;
        context.Response.Cookies.Append(cookie.Name!, key, options);
    }

    /// <summary>Deletes the cookie with <c>Max-Age=0</c> and a 1970 <c>Expires</c>, keeping its domain and path.</summary>
    public static void Delete(HttpContext context, CookieBuilder cookie)
    {
        var options = cookie.Build(context);
        options.MaxAge = TimeSpan.Zero;
        options.Expires = DateTimeOffset.UnixEpoch;
        context.Response.Cookies.Append(cookie.Name!, string.Empty, options);
    }

    public static void AddVaryCookie(HttpResponse response)
    {
        // Every Vary header the app sent, comma-joined: "Accept-Encoding, Cookie" already varies on the cookie.
        var tokens = response.Headers.Vary.ToString().Split(',', StringSplitOptions.TrimEntries);
        if (tokens.Contains(HeaderNames.Cookie, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        response.Headers.Append(HeaderNames.Vary, HeaderNames.Cookie);
    }
}
