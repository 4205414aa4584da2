using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TypedSessions.Engine;
using TypedSessions.Stores;

namespace TypedSessions;

/// <summary>The stores that ship in the core package.</summary>
public static class TypedSessionsBuilderExtensions
{
    /// <summary>Keeps sessions in this process's memory: for tests and development only.</summary>
    public static TypedSessionsBuilder AddMemoryStore(this TypedSessionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<MemorySessionRecordStore>();
        return builder.UseStore(static services => services.GetRequiredService<MemorySessionRecordStore>());
    }

    /// <summary>Uses a store of your own; the last store registered wins.</summary>
    public static TypedSessionsBuilder UseStore(this TypedSessionsBuilder builder, Func<IServiceProvider, ISessionRecordStore> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        builder.Services.Replace(ServiceDescriptor.Singleton<ISessionKeyScheme, RandomSessionKeyScheme>());
        return builder;
    }
}
