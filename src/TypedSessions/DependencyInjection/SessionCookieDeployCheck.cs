using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// Django's <c>check --deploy</c> for the session cookie, run as a Production app starts: a Warning for each setting that
/// makes sessions easier to steal. Django's ids name the check; its W011 and W014 (the middleware without the app) cannot
/// happen here, since <c>UseTypedSessions</c> requires <c>AddTypedSessions</c>.
/// </summary>
internal sealed class SessionCookieDeployCheck(
    IOptions<TypedSessionsOptions> options,
    TypedSessionsMarker marker,
    ILoggerFactory loggerFactory,
    IHostEnvironment? environment = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A container without a host (a job, a test) has no environment to be Production in.
        if (environment?.IsProduction() != true)
        {
            return Task.CompletedTask;
        }

        var logger = loggerFactory.CreateLogger("TypedSessions.Security");
        var cookie = options.Value.Cookie;

        // Django's W010/W013 are for the app alone; W012/W015 for the app and its middleware, as here once UseTypedSessions ran.
        var withMiddleware = marker.MiddlewareAdded;
        if (cookie.SecurePolicy != CookieSecurePolicy.Always)
        {
            Log.SessionCookieNotSecure(logger, cookie.SecurePolicy, withMiddleware ? "W012" : "W010");
        }

        if (!cookie.HttpOnly)
        {
            Log.SessionCookieNotHttpOnly(logger, withMiddleware ? "W015" : "W013");
        }

        if (cookie.SameSite == SameSiteMode.None && cookie.SecurePolicy != CookieSecurePolicy.Always)
        {
            Log.SessionCookieSameSiteNoneWithoutSecure(logger, cookie.SecurePolicy);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
