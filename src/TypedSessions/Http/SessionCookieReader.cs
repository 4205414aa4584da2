using Microsoft.Extensions.Primitives;

namespace TypedSessions;

/// <summary>
/// Reads every value of the session cookie from the raw <c>Cookie</c> header fields, in request order.
/// <c>Request.Cookies</c> keeps only the last cookie of a name (and matches names ignoring case), so a cookie planted
/// from a sibling subdomain would hide the user's own; reading them all lets the engine try each.
/// </summary>
internal static class SessionCookieReader
{
    /// <summary>
    /// The values of every cookie named exactly <paramref name="name"/> (RFC 6265: pairs split on <c>;</c>, names compared
    /// ordinally, values trimmed of spaces and tabs, neither unquoted nor unescaped), in request order; an empty value
    /// counts (Django's <c>name in request.COOKIES</c>). Null when there is none, so a request without it allocates nothing.
    /// </summary>
    public static List<string>? Read(StringValues cookieHeaders, string name)
    {
        List<string>? values = null;
        for (var i = 0; i < cookieHeaders.Count; i++)
        {
            if (cookieHeaders[i] is { Length: > 0 } header)
            {
                ReadField(header, name, ref values, firstOnly: false);
            }
        }

        return values;
    }

    /// <summary>Whether any cookie is named exactly <paramref name="name"/>; it allocates nothing.</summary>
    public static bool Carries(StringValues cookieHeaders, string name)
    {
        List<string>? none = null;
        for (var i = 0; i < cookieHeaders.Count; i++)
        {
            if (cookieHeaders[i] is { Length: > 0 } header && ReadField(header, name, ref none, firstOnly: true))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ReadField(string header, string name, ref List<string>? values, bool firstOnly)
    {
        var found = false;
        var rest = header.AsSpan();
        while (true)
        {
            var end = rest.IndexOf(';');
            var pair = end < 0 ? rest : rest[..end];
            var equals = pair.IndexOf('=');
            if (equals > 0 && pair[..equals].Trim(" \t").SequenceEqual(name))
            {
                if (firstOnly)
                {
                    return true;
                }

                found = true;
                (values ??= []).Add(pair[(equals + 1)..].Trim(" \t").ToString());
            }

            if (end < 0)
            {
                return found;
            }

            rest = rest[(end + 1)..];
        }
    }
}
