using Microsoft.AspNetCore.Http;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// Puts the request's session on the request, once: the middleware does, and so does the authentication integration
/// when authentication runs before <c>UseTypedSessions()</c>, so that both see the same session, loaded at most once.
/// </summary>
internal sealed class SessionFeatureAttacher(SessionEngine engine, SessionHttpCommitter committer)
{
    private readonly string _cookieName = engine.Options.Cookie.Name!;

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
        var feature = new TypedSessionFeature(session, cookieValues, committer);
        context.Features.Set(feature);
        context.Features.Set<Microsoft.AspNetCore.Http.Features.ISessionFeature>(feature);
        return feature;
    }
}
