using System.Text;
using Microsoft.Extensions.Options;
using TypedSessions.Engine;

namespace TypedSessions.Stores.Cookie;

/// <summary>
/// The cookie store's keys: the cookie value is the sealed record, so it is also the record id, and every write
/// issues a freshly sealed cookie, which must fit in what a browser keeps.
/// </summary>
internal sealed class CookieSessionKeyScheme(CookieSessionSeal seal, IOptions<TypedSessionsOptions> options) : ISessionKeyScheme
{
    /// <summary>Browsers keep at most this many bytes of one cookie's name and value (RFC 6265 section 6.1).</summary>
    public const int BrowserCookieLimit = 4096;

    private readonly int _cookieNameBytes = Encoding.ASCII.GetByteCount(options.Value.Cookie.Name!);

    // Base64url of a Data Protection payload, within what a browser keeps at all.
    public bool IsWellFormed(ReadOnlySpan<char> key)
    {
        if (key.Length is 0 or > BrowserCookieLimit)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    public string ToRecordId(string key) => key;

    // The sealed cookie is the credential: what is shown is its SHA-256, as a server-side record id is the key's.
    public string ToPublicRecordId(string key) => SessionKeys.ToRecordId(key);

    // The cookie does not exist until the record is sealed after the write.
    public string NewKey() => string.Empty;

    public SessionKeyIssue KeyAfterWrite(string key, SessionRecord record)
    {
        var sealedRecord = seal.Seal(record);
        var size = _cookieNameBytes + 1 + sealedRecord.Length;
        return size > BrowserCookieLimit
            ? SessionKeyIssue.Rejected(new SessionCookieTooLargeException(size, BrowserCookieLimit))
            : SessionKeyIssue.Issued(sealedRecord);
    }
}
