using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions;

/// <summary>Chooses the store of TypedSessions; returned by <c>AddTypedSessions</c>.</summary>
public sealed class TypedSessionsBuilder
{
    internal TypedSessionsBuilder(IServiceCollection services) => Services = services;

    /// <summary>The application's services, for store registrations.</summary>
    public IServiceCollection Services { get; }
}
