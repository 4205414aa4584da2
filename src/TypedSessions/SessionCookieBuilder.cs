using Microsoft.AspNetCore.Http;

namespace TypedSessions;

/// <summary>The session cookie's defaults, following Django's <c>SESSION_COOKIE_*</c> settings.</summary>
internal sealed class SessionCookieBuilder : CookieBuilder
{
    private CookieSecurePolicy? _securePolicy;

    public SessionCookieBuilder()
    {
        Name = TypedSessionsOptions.DefaultCookieName;
        Path = "/";
        HttpOnly = true;
        SameSite = SameSiteMode.Lax;
        IsEssential = true;
    }

    // Unless set, Secure when the request is HTTPS (Django's default), and always for a name browsers accept only with
    // Secure (__Host-, __Secure-): naming the cookie is then all it takes.
    public override CookieSecurePolicy SecurePolicy
    {
        get => _securePolicy ?? (SessionCookiePrefix.RequiresSecure(Name) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        set => _securePolicy = value;
    }

    // The expiry of a session cookie is the session's own, set per response.
    public override TimeSpan? Expiration
    {
        get => null;
        set => throw new InvalidOperationException(
            "The session cookie's expiry is the session's: set TypedSessionsOptions.Lifetime or call Session.SetExpiry instead.");
    }
}
