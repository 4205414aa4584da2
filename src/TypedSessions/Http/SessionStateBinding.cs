using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TypedSessions;

/// <summary>The save-before-the-result filter of minimal API endpoints that use the session.</summary>
internal static class SessionStateBinding
{
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
