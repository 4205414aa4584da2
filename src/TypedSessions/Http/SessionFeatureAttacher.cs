using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// Puts the request's session on the request, once, when something first needs it: the middleware for a request that
/// carries the session cookie or an endpoint that loads the session up front, the first use of the session in a
/// handler, and the authentication integration when authentication runs before <c>UseTypedSessions()</c>. All of them
/// see the same session, loaded at most once.
/// </summary>
internal sealed class SessionFeatureAttacher(SessionEngine engine, SessionHttpCommitter committer)
{
    private readonly string _cookieName = engine.Options.Cookie.Name!;

    /// <summary>
    /// Whether the response must decide the fate of the session cookie <paramref name="request"/> carries even if nobody
    /// touches the session: a value this engine never issues is deleted (Django), and <see
    /// cref="TypedSessionsOptions.SaveEveryRequest"/> refreshes every session a cookie names. A well-formed cookie of an
    /// untouched session needs nothing, so it waits for first use like a request without one.
    /// </summary>
    public bool MustAttachUpFront(HttpRequest request)
    {
        var cookies = request.Headers.Cookie;
        return engine.Options.SaveEveryRequest
            ? SessionCookieReader.Carries(cookies, _cookieName)
            : SessionCookieReader.CarriesMalformed(cookies, _cookieName, engine.Storage.Keys);
    }

    public TypedSessionFeature Attach(HttpContext context)
    {
        if (context.Features.Get<TypedSessionFeature>() is { } attached)
        {
            return attached;
        }

        // Every cookie of the name, not just the one Request.Cookies keeps: a planted duplicate must not hide the user's.
        var cookieValues = SessionCookieReader.Read(context.Request.Headers.Cookie, _cookieName);
        var session = engine.CreateUnloadedFromCookies(cookieValues);
        session.AttachRequest(context);
        var feature = new TypedSessionFeature(context, session, cookieValues, committer);
        context.Features.Set(feature);
        context.Features.Set<ISessionFeature>(feature);

        // Headers are decided as the response starts, for every kind of handler; a handler that writes its own body
        // also gets its save there. A session first touched after that point can no longer change the response.
        if (!context.Response.HasStarted)
        {
            context.Response.OnStarting(static state => ((TypedSessionFeature)state).OnResponseStartingAsync(), feature);
        }

        return feature;
    }
}
