using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace TypedSessions;

/// <summary>
/// A typed view over a <see cref="Session"/>. The TypedSessions generator implements this interface for every
/// <see cref="SessionStateAttribute"/> class; it is not meant to be implemented by hand.
/// </summary>
/// <typeparam name="TSelf">The generated class.</typeparam>
public interface ISessionState<TSelf> : IBindableFromHttpContext<TSelf>, IEndpointParameterMetadataProvider
    where TSelf : class, ISessionState<TSelf>
{
    /// <summary>Creates a view over <paramref name="session"/>; used by <see cref="Session.GetState{T}"/>.</summary>
    /// <param name="session">The loaded session the view reads and writes.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    static abstract TSelf Create(Session session);

    /// <summary>The session this view reads and writes.</summary>
    Session Session { get; }

    /// <summary>A minimal API endpoint with this parameter saves its session before its result is written.</summary>
    static void IEndpointParameterMetadataProvider.PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
        => SessionStateBinding.AddCommitFilter(builder);
}
