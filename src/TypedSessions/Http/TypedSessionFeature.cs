using Microsoft.AspNetCore.Http.Features;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// The request's session, as a request feature. It also serves <see cref="ISessionFeature"/>, so that
/// <c>HttpContext.Session</c> (and TempData's session provider) reads and writes the same session.
/// </summary>
internal sealed class TypedSessionFeature(Session session, bool requestHadCookie, string? requestCookie, SessionHttpCommitter committer) : ISessionFeature
{
    private AspNetSessionAdapter? _adapter;

    public Session Session { get; } = session;

    /// <summary>Whether the request carried a cookie of the session's name, well-formed or not (Django's test).</summary>
    public bool RequestHadCookie { get; } = requestHadCookie;

    /// <summary>The cookie's value as the request sent it, to tell whether the session's key changed since.</summary>
    public string? RequestCookie { get; } = requestCookie;

    /// <summary>Commits this request's session; the endpoint and result filters reach it through the feature.</summary>
    public SessionHttpCommitter Committer { get; } = committer;

    /// <summary>Set when the handler threw: nothing it changed is saved.</summary>
    public bool HandlerFailed { get; set; }

    /// <summary>Set when a save failed: the response says so, and nothing more is saved for this request.</summary>
    public SessionCommitOutcome? Failure { get; set; }

    Microsoft.AspNetCore.Http.ISession ISessionFeature.Session
    {
        get => _adapter ??= new AspNetSessionAdapter(Session);
        set => throw new NotSupportedException("The session is provided by TypedSessions and cannot be replaced.");
    }
}
