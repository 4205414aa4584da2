using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Stores.Cookie;

namespace TypedSessions;

/// <summary>The cookie store: the session lives in the cookie, with no server state.</summary>
public static class CookieStoreBuilderExtensions
{
    /// <summary>
    /// Keeps each session in its cookie, encrypted and authenticated with ASP.NET Core Data Protection (configure its
    /// key ring with <c>AddDataProtection()</c> so that every instance of the app shares it). Unlike Django's
    /// <c>signed_cookies</c>, per-session expiry is honoured: it travels inside the protected payload. A session whose
    /// cookie would exceed 4,096 bytes fails to save with <see cref="SessionCookieTooLargeException"/>. Sessions cannot
    /// be revoked before they expire, and concurrent requests are last writer wins.
    /// </summary>
    public static TypedSessionsBuilder AddCookieStore(this TypedSessionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDataProtection();
        builder.Services.TryAddSingleton<UnsealedCookieLog>();
        builder.Services.TryAddSingleton<CookieSessionSeal>();
        builder.Services.Replace(ServiceDescriptor.Singleton<ISessionRecordStore, CookieSessionRecordStore>());
        builder.Services.Replace(ServiceDescriptor.Singleton<ISessionKeyScheme, CookieSessionKeyScheme>());
        return builder;
    }
}
