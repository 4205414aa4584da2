using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TypedSessions;

/// <summary>
/// <c>HttpContext.Session</c>, and the mark that <c>UseTypedSessions()</c> ran, for a request whose session nobody has
/// touched yet: the first use attaches the session. One instance serves the requests of a connection in turn, kept in
/// the connection's <see cref="IPersistentStateFeature"/> (as Kestrel reuses its <see cref="HttpContext"/>), so that a
/// request that never touches the session allocates nothing.
/// </summary>
internal sealed class DeferredSessionFeature : ISessionFeature
{
    private static readonly object StateKey = new();

    private readonly SessionFeatureAttacher _attacher;
    private HttpContext? _context;

    private DeferredSessionFeature(SessionFeatureAttacher attacher) => _attacher = attacher;

    /// <summary>Puts the connection's instance (or a new one, on servers without per-connection state) on the request.</summary>
    public static void Install(HttpContext context, SessionFeatureAttacher attacher)
    {
        var state = context.Features.Get<IPersistentStateFeature>()?.State;
        if (state?.TryGetValue(StateKey, out var kept) != true || kept is not DeferredSessionFeature feature || feature._attacher != attacher)
        {
            feature = new DeferredSessionFeature(attacher);
            if (state is not null)
            {
                state[StateKey] = feature;
            }
        }

        feature._context = context;
        context.Features.Set<ISessionFeature>(feature);
    }

    /// <summary>Attaches the request's session, on its first use.</summary>
    public TypedSessionFeature Attach()
        => _attacher.Attach(_context ?? throw new InvalidOperationException("The deferred session feature is not installed on a request."));

    ISession ISessionFeature.Session
    {
        get => ((ISessionFeature)Attach()).Session;
        set => throw new NotSupportedException("The session is provided by TypedSessions and cannot be replaced.");
    }
}
