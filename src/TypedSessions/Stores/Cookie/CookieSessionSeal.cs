using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace TypedSessions.Stores.Cookie;

/// <summary>
/// Seals a whole record (values, expiry, metadata, format version) into a cookie value with ASP.NET Core Data
/// Protection, encrypted and authenticated, and opens it again.
/// </summary>
internal sealed class CookieSessionSeal(IDataProtectionProvider dataProtection, UnsealedCookieLog unsealedLog)
{
    private const string Purpose = "TypedSessions.CookieStore.v1";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public string Seal(SessionRecord record) => SealEnvelope(SessionRecordEnvelope.Encode(record));

    /// <summary>Seals envelope bytes as they are, whatever they hold: what a cookie looks like to <see cref="Open"/>.</summary>
    internal string SealEnvelope(byte[] envelope) => WebEncoders.Base64UrlEncode(_protector.Protect(envelope));

    /// <summary>
    /// The record a cookie holds; not found when this app's key ring did not seal it (anyone can send such a cookie, so
    /// it is logged without flooding), unreadable when it did but the record inside cannot be decoded.
    /// </summary>
    public SessionLoadResult Open(string cookieValue)
    {
        byte[] envelope;
        try
        {
            envelope = _protector.Unprotect(WebEncoders.Base64UrlDecode(cookieValue));
        }
        // Fixed sentences, not the framework's messages: what a client sent never shapes a log line.
        catch (FormatException)
        {
            unsealedLog.Report("the cookie is not base64url");
            return SessionLoadResult.NotFound;
        }
        catch (CryptographicException)
        {
            unsealedLog.Report("the cookie was not sealed by this app's key ring, or was changed since");
            return SessionLoadResult.NotFound;
        }

        try
        {
            return SessionLoadResult.Found(SessionRecordEnvelope.Decode(envelope));
        }
        catch (SessionDataCorruptedException exception)
        {
            return SessionLoadResult.Unreadable(exception.Message, exception);
        }
        catch (FormatException exception)
        {
            return SessionLoadResult.Unreadable("The sealed session envelope is not in the expected format.", exception);
        }
    }
}
