using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using TypedSessions.Engine;

namespace TypedSessions;

/// <summary>
/// The request's session, as a request feature. It also serves <see cref="ISessionFeature"/>, so that
/// <c>HttpContext.Session</c> (and TempData's session provider) reads and writes the same session.
/// </summary>
internal sealed class TypedSessionFeature(HttpContext context, Session session, IReadOnlyList<string>? requestCookies, SessionHttpCommitter committer)
    : ISessionFeature
{
    private AspNetSessionAdapter? _adapter;

    public Session Session { get; } = session;

    /// <summary>Whether the request carried a cookie of the session's name, well-formed, empty or not (Django's test).</summary>
    public bool RequestHadCookie => requestCookies is { Count: > 0 };

    /// <summary>Whether <paramref name="key"/> is what a cookie of the request already holds (else the browser needs it).</summary>
    public bool RequestCarried(string key) => requestCookies?.Contains(key) == true;

    /// <summary>Commits this request's session; the endpoint and result filters reach it through the feature.</summary>
    public SessionHttpCommitter Committer { get; } = committer;

    /// <summary>The last save point, as the response starts (registered when the session was attached).</summary>
    public Task OnResponseStartingAsync() => Committer.OnResponseStartingAsync(context, this);

    /// <summary>Set when the handler threw: nothing it changed is saved.</summary>
    public bool HandlerFailed { get; set; }

    /// <summary>Whether a sliding refresh was tried in this request: a failed one is not tried again at a later save point.</summary>
    public bool RefreshAttempted { get; set; }

    /// <summary>Set when a save failed: the response says so, and nothing more is saved for this request.</summary>
    public SessionCommitOutcome? Failure { get; set; }

    Microsoft.AspNetCore.Http.ISession ISessionFeature.Session
    {
        get => _adapter ??= new AspNetSessionAdapter(Session);
        set => throw new NotSupportedException("The session is provided by TypedSessions and cannot be replaced.");
    }
}
