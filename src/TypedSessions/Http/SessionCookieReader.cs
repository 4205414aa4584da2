using Microsoft.Extensions.Primitives;
using TypedSessions.Engine;

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
        foreach (var header in cookieHeaders)
        {
            for (var field = new Field(header, name); field.MoveNext();)
            {
                (values ??= []).Add(field.Current.ToString());
            }
        }

        return values;
    }

    /// <summary>Whether any cookie is named exactly <paramref name="name"/>; it allocates nothing.</summary>
    public static bool Carries(StringValues cookieHeaders, string name)
    {
        foreach (var header in cookieHeaders)
        {
            if (new Field(header, name).MoveNext())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any cookie named exactly <paramref name="name"/> holds a value <paramref name="keys"/> never issues; it allocates nothing.</summary>
    public static bool CarriesMalformed(StringValues cookieHeaders, string name, ISessionKeyScheme keys)
    {
        foreach (var header in cookieHeaders)
        {
            for (var field = new Field(header, name); field.MoveNext();)
            {
                if (!keys.IsWellFormed(field.Current))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The values of the cookies of one name in one <c>Cookie</c> header field, as spans of it.</summary>
    private ref struct Field(string? header, string name)
    {
        private ReadOnlySpan<char> _rest = header;
        private bool _done = string.IsNullOrEmpty(header);

        public ReadOnlySpan<char> Current { get; private set; }

        public bool MoveNext()
        {
            while (!_done)
            {
                var end = _rest.IndexOf(';');
                var pair = end < 0 ? _rest : _rest[..end];
                _done = end < 0;
                _rest = _done ? default : _rest[(end + 1)..];
                var equals = pair.IndexOf('=');
                if (equals > 0 && pair[..equals].Trim(" \t").SequenceEqual(name))
                {
                    Current = pair[(equals + 1)..].Trim(" \t");
                    return true;
                }
            }

            return false;
        }
    }
}
