using Microsoft.AspNetCore.Builder;

namespace TypedSessions;

/// <summary>Endpoint conventions for TypedSessions.</summary>
public static class SessionEndpointConventionBuilderExtensions
{
    /// <summary>Loads the session asynchronously before the endpoint (or every endpoint of the group) runs.</summary>
    public static TBuilder WithSessionLoaded<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new LoadSessionAttribute());
        return builder;
    }
}
