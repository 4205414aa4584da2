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

    /// <summary>
    /// Loads the session asynchronously and returns a view of it before a minimal API handler runs. Implemented here,
    /// explicitly, so that the generated class gets no public member of its own; the Request Delegate Factory and the
    /// Request Delegate Generator both find it through <see cref="IBindableFromHttpContext{TSelf}"/>.
    /// </summary>
    static async ValueTask<TSelf?> IBindableFromHttpContext<TSelf>.BindAsync(HttpContext context, ParameterInfo parameter)
        => await context.GetSessionStateAsync<TSelf>().ConfigureAwait(false);

    /// <summary>A minimal API endpoint with this parameter saves its session before its result is written.</summary>
    static void IEndpointParameterMetadataProvider.PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
        => SessionStateBinding.AddCommitFilter(builder);
}
