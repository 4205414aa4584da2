using Microsoft.AspNetCore.Http;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// Attaches a lazily loaded session to every request and commits it as the response goes out. Requests that never
/// touch the session cause no store I/O.
/// </summary>
internal sealed class TypedSessionsMiddleware(RequestDelegate next, SessionEngine engine)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var cookieName = engine.Options.Cookie.Name!;
        var hadCookie = context.Request.Cookies.TryGetValue(cookieName, out var cookieValue);
        var feature = new TypedSessionFeature(engine.CreateUnloaded(cookieValue), hadCookie);
        context.Features.Set(feature);
        context.Features.Set<Microsoft.AspNetCore.Http.Features.ISessionFeature>(feature);

        if (context.GetEndpoint()?.Metadata.GetMetadata<ILoadSessionMetadata>() is not null)
        {
            await feature.Session.LoadAsync(context.RequestAborted);
        }

        // A handler that streams starts the response before it returns; commit then, while headers can still change.
        context.Response.OnStarting(static state =>
        {
            var (httpContext, requestFeature) = ((HttpContext, TypedSessionFeature))state;
            return SessionResponseCommitter.CommitAsync(httpContext, requestFeature, responseStarting: true);
        }, (context, feature));

        try
        {
            await next(context);
        }
        catch
        {
            feature.HandlerFailed = true;
            throw;
        }

        if (!context.Response.HasStarted)
        {
            await SessionResponseCommitter.CommitAsync(context, feature, responseStarting: false);
        }
    }
}
