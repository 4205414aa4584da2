using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TypedSessions.Engine;
using TypedSessions.Stores;

namespace TypedSessions;

/// <summary>The stores that ship in the core package.</summary>
public static class TypedSessionsBuilderExtensions
{
    /// <summary>
    /// Keeps sessions in this process's memory: for tests and development only. Expired sessions are dropped when met,
    /// and swept out every <see cref="MemorySessionRecordStore.DefaultSweepInterval"/> (every
    /// <see cref="TypedSessionsOptions.Lifetime"/> when that is shorter) by the store itself, unless the purge of
    /// <see cref="TypedSessionsOptions.PurgeInterval"/> runs at least as often.
    /// </summary>
    public static TypedSessionsBuilder AddMemoryStore(this TypedSessionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(static services =>
        {
            var options = services.GetRequiredService<IOptions<TypedSessionsOptions>>().Value;

            // Memory is what expired sessions cost here, so an hourly purge is too rare: a load test of short sessions
            // would hold an hour of them. A sweep every lifetime (at most a minute) bounds that; it is cheap in memory.
            var sweep = options.Lifetime < MemorySessionRecordStore.DefaultSweepInterval ? options.Lifetime : MemorySessionRecordStore.DefaultSweepInterval;
            return new MemorySessionRecordStore(
                services.GetRequiredService<TimeProvider>(), options.PurgeInterval is { } purge && purge <= sweep ? null : sweep);
        });
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
