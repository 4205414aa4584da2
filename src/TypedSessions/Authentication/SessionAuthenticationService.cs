using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSessions.Engine;

namespace TypedSessions.Authentication;

/// <summary>
/// ASP.NET Core's <see cref="IAuthenticationService"/> with the session kept in step, for every scheme: a sign-in cycles
/// the key (Django's <c>login()</c>), a sign-out flushes (<c>logout()</c>), and a principal whose session has ended is
/// rejected. The app's own sign-in code does not change.
/// </summary>
internal sealed class SessionAuthenticationService(
    IAuthenticationService inner,
    IAuthenticationSchemeProvider schemes,
    SessionFeatureAttacher attacher,
    UserSessions users,
    IOptions<SessionAuthenticationOptions> options,
    IOptions<TypedSessionsOptions> sessionOptions,
    ILoggerFactory loggerFactory) : IAuthenticationService
{
    private static readonly object RejectedSchemesKey = new();

    private readonly SessionAuthenticationOptions _options = options.Value;
    private readonly ILogger _logger = loggerFactory.CreateLogger("TypedSessions.Authentication");

    public async Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
    {
        var result = await inner.AuthenticateAsync(context, scheme).ConfigureAwait(false);
        if (!result.Succeeded || result.Principal.FindFirst(SessionAuthenticationOptions.SessionBoundClaimType) is null)
        {
            return result;
        }

        var name = await NameOfAsync(scheme, schemes.GetDefaultAuthenticateSchemeAsync).ConfigureAwait(false);
        if (name is null || _options.IgnoredSchemes.Contains(name))
        {
            return result;
        }

        var session = await LoadSessionAsync(context).ConfigureAwait(false);
        if (session.UserId is { } owner && string.Equals(owner, _options.GetUserId(result.Principal), StringComparison.Ordinal))
        {
            return result;
        }

        // Authentication runs more than once per request (the middleware, then authorization): sign out once.
        var rejected = context.Items[RejectedSchemesKey] as HashSet<string>;
        if (rejected?.Contains(name) != true)
        {
            (rejected ??= (HashSet<string>)(context.Items[RejectedSchemesKey] = new HashSet<string>(StringComparer.Ordinal))).Add(name);
            Log.PrincipalRejected(_logger, name);
            if (_options.SignOutEndedPrincipals && await CanSignOutAsync(name).ConfigureAwait(false))
            {
                await inner.SignOutAsync(context, name, properties: null).ConfigureAwait(false);
            }
        }

        return AuthenticateResult.Fail("The session this principal was signed in with has ended (revoked, signed out elsewhere, or expired).");
    }

    public async Task SignInAsync(HttpContext context, string? scheme, ClaimsPrincipal principal, AuthenticationProperties? properties)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var name = await NameOfAsync(scheme, schemes.GetDefaultSignInSchemeAsync).ConfigureAwait(false);
        if (name is null || _options.IgnoredSchemes.Contains(name))
        {
            await inner.SignInAsync(context, scheme, principal, properties).ConfigureAwait(false);
            return;
        }

        var userId = _options.GetUserId(principal) ?? throw new InvalidOperationException(
            $"The principal signed in to scheme '{name}' names no user: it has no {ClaimTypes.NameIdentifier} or 'sub' claim and no name. " +
            $"Set {nameof(SessionAuthenticationOptions)}.{nameof(SessionAuthenticationOptions.GetUserId)} in AddAuthenticationIntegration(), " +
            $"or add the scheme to {nameof(SessionAuthenticationOptions.IgnoredSchemes)}.");
        Session.ValidateUserId(userId, nameof(principal));

        // Django's login(): another user's session is flushed; an anonymous one (or the same user's) keeps its data.
        // Either way the session moves to a fresh key, so a key planted before sign-in is worthless after it.
        var session = await LoadSessionAsync(context).ConfigureAwait(false);
        var anotherUsers = session.UserId is { } current && !string.Equals(current, userId, StringComparison.Ordinal);
        if (anotherUsers)
        {
            await session.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }

        session.SetUserId(userId);
        session.StartNewLifetime();
        try
        {
            await session.CycleKeyAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch
        {
            session.RevertUserId();
            throw;
        }

        Log.SessionSignedIn(_logger, name, anotherUsers ? "another user's session was flushed" : "the session's data was kept");

        Bind(principal);
        await inner.SignInAsync(context, scheme, principal, properties).ConfigureAwait(false);
        await EnforceSessionLimitAsync(userId).ConfigureAwait(false);
    }

    public async Task SignOutAsync(HttpContext context, string? scheme, AuthenticationProperties? properties)
    {
        var name = await NameOfAsync(scheme, schemes.GetDefaultSignOutSchemeAsync).ConfigureAwait(false);
        if (name is not null && !_options.IgnoredSchemes.Contains(name))
        {
            var session = await LoadSessionAsync(context).ConfigureAwait(false);
            await session.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            Log.SessionSignedOut(_logger, name);
        }

        await inner.SignOutAsync(context, scheme, properties).ConfigureAwait(false);
    }

    public Task ChallengeAsync(HttpContext context, string? scheme, AuthenticationProperties? properties)
        => inner.ChallengeAsync(context, scheme, properties);

    public Task ForbidAsync(HttpContext context, string? scheme, AuthenticationProperties? properties)
        => inner.ForbidAsync(context, scheme, properties);

    private async ValueTask<Session> LoadSessionAsync(HttpContext context)
    {
        // Authentication may run before UseTypedSessions(): the session is attached here then, and the middleware finds it.
        var session = attacher.Attach(context).Session;
        await session.LoadAsync(context.RequestAborted).ConfigureAwait(false);
        return session;
    }

    private static void Bind(ClaimsPrincipal principal)
    {
        if (principal.FindFirst(SessionAuthenticationOptions.SessionBoundClaimType) is not null)
        {
            return;
        }

        if (principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionAuthenticationOptions.SessionBoundClaimType, "1"));
        }
        else
        {
            principal.AddIdentity(new ClaimsIdentity([new Claim(SessionAuthenticationOptions.SessionBoundClaimType, "1")]));
        }
    }

    // The sign-in stands either way: the limit is enforced again at the user's next sign-in.
    private async ValueTask EnforceSessionLimitAsync(string userId)
    {
        if (sessionOptions.Value.MaxSessionsPerUser is not { } limit)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(sessionOptions.Value.StoreTimeout);
            await users.EnforceLimitAsync(userId, limit, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Engine.Log.SessionLimitNotEnforced(_logger, exception);
        }
    }

    private async ValueTask<bool> CanSignOutAsync(string scheme)
        => (await schemes.GetSchemeAsync(scheme).ConfigureAwait(false))?.HandlerType is { } handler
            && typeof(IAuthenticationSignOutHandler).IsAssignableFrom(handler);

    private static async ValueTask<string?> NameOfAsync(string? scheme, Func<Task<AuthenticationScheme?>> defaultScheme)
        => scheme ?? (await defaultScheme().ConfigureAwait(false))?.Name;
}
