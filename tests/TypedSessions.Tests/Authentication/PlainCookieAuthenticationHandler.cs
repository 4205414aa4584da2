using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TypedSessions.Tests.Authentication;

/// <summary>
/// A scheme of the app's own, not cookie authentication: it signs in by setting a plain cookie holding the user id and
/// whether the principal was bound, and authenticates from it. It shows the integration hooks every scheme.
/// </summary>
public sealed class PlainCookieAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : SignInAuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "plain";
    public const string CookieName = "plain-auth";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Cookies[CookieName] is not { Length: > 0 } value)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var parts = value.Split('.');
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, parts[0]), new(ClaimTypes.Name, parts[0]) };
        if (parts.Length > 1)
        {
            claims.Add(new Claim(parts[1], "1"));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleSignInAsync(ClaimsPrincipal user, AuthenticationProperties? properties)
    {
        var bound = user.FindFirst(SessionAuthenticationOptions.SessionBoundClaimType) is not null ? "." + SessionAuthenticationOptions.SessionBoundClaimType : "";
        Response.Cookies.Append(CookieName, user.FindFirst(ClaimTypes.NameIdentifier)!.Value + bound);
        return Task.CompletedTask;
    }

    protected override Task HandleSignOutAsync(AuthenticationProperties? properties)
    {
        Response.Cookies.Delete(CookieName);
        return Task.CompletedTask;
    }
}
