using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSessions.Authentication;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>Ties sessions to ASP.NET Core authentication.</summary>
public static class AuthenticationIntegrationBuilderExtensions
{
    /// <summary>
    /// Keeps the session in step with sign-in and sign-out for every authentication scheme, with no change to the app's
    /// sign-in code: <c>SignInAsync</c> moves the session to a fresh key and sets <see cref="Session.UserId"/> (another
    /// user's session is flushed first, as Django's <c>login()</c> does); <c>SignOutAsync</c> flushes the session and
    /// deletes its cookie; and a principal signed in this way is rejected, and signed out of its scheme, once its session
    /// has ended, so revoking a session (<see cref="ISessionManager.RevokeAsync"/>) signs its browser out on its next
    /// request. Works whichever of <c>UseAuthentication()</c> and <c>UseTypedSessions()</c> comes first.
    /// </summary>
    /// <remarks>
    /// It decorates <see cref="IAuthenticationService"/>, so it sees every <c>HttpContext.SignInAsync</c>,
    /// <c>SignOutAsync</c> and <c>AuthenticateAsync</c>. A request with a session-bound principal loads its session to
    /// check it. A bearer token is not a session: principals from schemes that never signed in through
    /// <c>SignInAsync</c> carry no binding and are not checked, so revoking sessions does not revoke tokens.
    /// </remarks>
    public static TypedSessionsBuilder AddAuthenticationIntegration(this TypedSessionsBuilder builder, Action<SessionAuthenticationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SessionAuthenticationOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(static descriptor => descriptor.ServiceType == typeof(AuthenticationIntegrationMarker)))
        {
            return builder;
        }

        services.AddSingleton<AuthenticationIntegrationMarker>();
        services.AddAuthenticationCore();
        var inner = services.Last(static descriptor => descriptor.ServiceType == typeof(IAuthenticationService));
        services.Replace(ServiceDescriptor.Describe(
            typeof(IAuthenticationService),
            provider => new SessionAuthenticationService(
                CreateInner(provider, inner),
                provider.GetRequiredService<IAuthenticationSchemeProvider>(),
                provider.GetRequiredService<SessionFeatureAttacher>(),
                provider.GetRequiredService<UserSessions>(),
                provider.GetRequiredService<IOptions<SessionAuthenticationOptions>>(),
                provider.GetRequiredService<IOptions<TypedSessionsOptions>>(),
                provider.GetRequiredService<ILoggerFactory>()),
            inner.Lifetime));
        return builder;
    }

    private static IAuthenticationService CreateInner(IServiceProvider provider, ServiceDescriptor descriptor)
        => (IAuthenticationService)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    /// <summary>Makes a second call a no-op: the service must be decorated once.</summary>
    private sealed class AuthenticationIntegrationMarker;
}
