using Microsoft.AspNetCore.Builder;

namespace TypedSessions;

/// <summary>Endpoint conventions for TypedSessions.</summary>
public static class SessionEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Loads the session asynchronously before the endpoint (or every endpoint of the group) runs, and, for minimal API
    /// endpoints, saves it after the handler and before its result is written.
    /// </summary>
    public static TBuilder WithSessionLoaded<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new LoadSessionAttribute());
        builder.Add(SessionStateBinding.AddCommitFilter);
        return builder;
    }
}
