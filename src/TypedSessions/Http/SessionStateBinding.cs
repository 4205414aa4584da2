using System.ComponentModel;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TypedSessions;

/// <summary>Minimal API binding of <see cref="SessionStateAttribute"/> classes; called by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SessionStateBinding
{
    /// <summary>Loads the session asynchronously and returns a typed view of it, before the handler runs.</summary>
    public static async ValueTask<T?> BindAsync<T>(HttpContext context)
        where T : class, ISessionState<T>
        => await context.GetSessionStateAsync<T>().ConfigureAwait(false);

    /// <summary>
    /// Wraps a minimal API endpoint that takes a session-state parameter (or loads its session) in the filter that saves
    /// the session before the handler's result is written. Outermost, so that it sees every other filter's result.
    /// </summary>
    public static void AddCommitFilter(EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Metadata.OfType<SessionCommitFilterMarker>().Any())
        {
            builder.Metadata.Add(SessionCommitFilterMarker.Instance);
            builder.FilterFactories.Insert(0, static (_, next) => invocation => SessionCommitEndpointFilter.InvokeAsync(invocation, next));
        }
    }

    // Several session-state parameters, or one plus WithSessionLoaded(), still install the filter once.
    private sealed class SessionCommitFilterMarker
    {
        public static readonly SessionCommitFilterMarker Instance = new();
    }
}
