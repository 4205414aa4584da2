using System.Security.Claims;

namespace TypedSessions;

/// <summary>Configures <c>AddAuthenticationIntegration()</c>: how a principal names its user, and which schemes to leave alone.</summary>
public sealed class SessionAuthenticationOptions
{
    /// <summary>
    /// The claim the integration adds to a principal it signs in, binding it to the session: on later requests such a
    /// principal is accepted only while the request's session still belongs to its user. Principals without it (issued
    /// before the integration was turned on, or by a scheme it leaves alone) are not checked.
    /// </summary>
    public const string SessionBoundClaimType = "typedsessions:session-bound";

    /// <summary>
    /// ASP.NET Core Identity's intermediate schemes: signing in to these is a step of a sign-in (an external login
    /// waiting to be linked, a pending second factor), not the user's sign-in itself, so they are left alone by default.
    /// </summary>
    public static readonly IReadOnlyList<string> IdentityIntermediateSchemes =
        ["Identity.External", "Identity.TwoFactorUserId", "Identity.TwoFactorRememberMe"];

    /// <summary>
    /// Reads the user id from a principal. Default: the <see cref="ClaimTypes.NameIdentifier"/> claim, else <c>sub</c>,
    /// else the identity's name. A sign-in whose principal gives none fails with <see cref="InvalidOperationException"/>.
    /// </summary>
    public Func<ClaimsPrincipal, string?> GetUserId { get; set; } = DefaultUserId;

    /// <summary>
    /// Schemes whose sign-in and sign-out do not touch the session and whose principals are not checked. Default:
    /// <see cref="IdentityIntermediateSchemes"/>.
    /// </summary>
    public ISet<string> IgnoredSchemes { get; } = new HashSet<string>(IdentityIntermediateSchemes, StringComparer.Ordinal);

    /// <summary>
    /// Whether a principal rejected because its session ended (revoked, flushed, expired) is also signed out of its
    /// scheme, so a cookie scheme deletes its cookie in the same response. Default: <see langword="true"/>.
    /// </summary>
    public bool SignOutEndedPrincipals { get; set; } = true;

    private static string? DefaultUserId(ClaimsPrincipal principal)
        => principal.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? principal.FindFirst("sub")?.Value ?? principal.Identity?.Name;
}
