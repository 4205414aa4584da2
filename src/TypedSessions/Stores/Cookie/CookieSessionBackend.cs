using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSessions.Engine;

namespace TypedSessions.Stores.Cookie;

/// <summary>
/// Sessions that live in the cookie itself (Django's <c>signed_cookies</c>): the data and its expiry, encrypted and
/// authenticated with ASP.NET Core Data Protection. No server state, so nothing can be revoked before it expires.
/// </summary>
internal sealed class CookieSessionBackend : ISessionBackend
{
    /// <summary>Browsers keep at most this many bytes of one cookie's name and value (RFC 6265 section 6.1).</summary>
    public const int BrowserCookieLimit = 4096;

    private const string Purpose = "TypedSessions.CookieStore.v1";

    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly string _cookieName;
    private readonly ILogger _securityLogger;

    public CookieSessionBackend(IDataProtectionProvider dataProtection, IOptions<TypedSessionsOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        _protector = dataProtection.CreateProtector(Purpose);
        _time = time;
        _cookieName = options.Value.Cookie.Name!;
        _securityLogger = loggerFactory.CreateLogger("TypedSessions.Security");
    }

    // Base64url of a Data Protection payload, within what a browser keeps at all.
    public bool IsWellFormed(string key)
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

    public ValueTask<IReadOnlyDictionary<string, string>?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        SessionRecord payload;
        try
        {
            payload = SessionRecordEnvelope.Decode(_protector.Unprotect(WebEncoders.Base64UrlDecode(key)));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException or SessionDataCorruptedException)
        {
            Log.SessionDataCorrupted(_securityLogger, exception);
            return ValueTask.FromResult<IReadOnlyDictionary<string, string>?>(null);
        }

        // A stale cookie is as good as none, whatever Max-Age the browser honoured.
        return ValueTask.FromResult(payload.ExpiresAt > _time.GetUtcNow() ? payload.Values : null);
    }

    public ValueTask<string> CreateAsync(IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => ValueTask.FromResult(Encode(values, expiresAt));

    // The cookie holds the whole session, so an update re-encodes all of it; there is nothing to find missing.
    public ValueTask<SessionBackendUpdate> UpdateAsync(string key, SessionRecordUpdate update, CancellationToken cancellationToken)
        => ValueTask.FromResult(new SessionBackendUpdate(SessionUpdateResult.Updated, Encode(update.Values, update.ExpiresAt)));

    // Deleting the cookie is the response's job; there is no server record.
    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public async ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken)
        => IsWellFormed(key) && await LoadAsync(key, cancellationToken).ConfigureAwait(false) is not null;

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0);

    private string Encode(IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt)
    {
        var key = WebEncoders.Base64UrlEncode(_protector.Protect(SessionRecordEnvelope.Encode(values, expiresAt)));
        var size = Encoding.ASCII.GetByteCount(_cookieName) + 1 + key.Length;
        if (size > BrowserCookieLimit)
        {
            throw new SessionCookieTooLargeException(size, BrowserCookieLimit);
        }

        return key;
    }
}
