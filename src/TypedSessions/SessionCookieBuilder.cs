using Microsoft.AspNetCore.Http;

namespace TypedSessions;

/// <summary>The session cookie's defaults, following Django's <c>SESSION_COOKIE_*</c> settings.</summary>
internal sealed class SessionCookieBuilder : CookieBuilder
{
    public SessionCookieBuilder()
    {
        Name = TypedSessionsOptions.DefaultCookieName;
        Path = "/";
        HttpOnly = true;
        SameSite = SameSiteMode.Lax;
        SecurePolicy = CookieSecurePolicy.SameAsRequest;
        IsEssential = true;
    }

    // The expiry of a session cookie is the session's own, set per response.
    public override TimeSpan? Expiration
    {
        get => null;
        set => throw new InvalidOperationException(
            "The session cookie's expiry is the session's: set TypedSessionsOptions.Lifetime or call Session.SetExpiry instead.");
    }
}
