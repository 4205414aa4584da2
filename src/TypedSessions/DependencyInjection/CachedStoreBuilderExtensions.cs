using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSessions.Stores;
using TypedSessions.Stores.Cached;

namespace TypedSessions;

/// <summary>Registers a cache in front of a durable store (Django's <c>cached_db</c>).</summary>
public static class CachedStoreBuilderExtensions
{
    /// <summary>
    /// Puts a cache in front of the store registered just before this call. The cache is whatever store
    /// <paramref name="addCache"/> registers, so any two stores compose:
    /// <code>
    /// services.AddTypedSessions()
    ///     .AddPostgreSqlStore(connectionString)                   // durable: the store of record
    ///     .AddCachedStore(cache => cache.AddRedisStore("localhost")); // cache in front of it
    /// </code>
    /// Writes go to the durable store first and reads try the cache first; a failing cache is logged and never fails
    /// a request. See <see cref="CachedSessionRecordStore"/> for the exact behaviour. For an in-process cache with a
    /// size limit, register <c>AddDistributedMemoryCache(o =&gt; o.SizeLimit = ...)</c> and use
    /// <c>cache =&gt; cache.AddDistributedCacheStore()</c>; <c>cache =&gt; cache.AddMemoryStore()</c> keeps every live
    /// session in memory, with no limit.
    /// </summary>
    /// <param name="builder">The builder, on which the durable store is already registered.</param>
    /// <param name="addCache">Registers the cache store on the builder it is given, for example <c>cache =&gt; cache.AddMemoryStore()</c>.</param>
    /// <exception cref="InvalidOperationException">No store is registered before this call, or <paramref name="addCache"/> registers none.</exception>
    public static TypedSessionsBuilder AddCachedStore(this TypedSessionsBuilder builder, Action<TypedSessionsBuilder> addCache)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(addCache);
        var durable = RegisteredStore(builder.Services) ?? throw new InvalidOperationException(
            "AddCachedStore puts a cache in front of the store registered before it, and none is: register the durable store first, " +
            "for example AddTypedSessions().AddSqliteStore(\"Data Source=sessions.db\").AddCachedStore(cache => cache.AddMemoryStore()).");

        // Each Add…Store call replaces the registered store; the one the callback leaves behind is the cache.
        addCache(builder);
        var cache = RegisteredStore(builder.Services);
        if (cache is null || ReferenceEquals(cache, durable))
        {
            throw new InvalidOperationException(
                "The callback of AddCachedStore must register the cache store on the builder it is given, for example " +
                "cache => cache.AddMemoryStore() or cache => cache.AddDistributedCacheStore().");
        }

        return builder.UseStore(services => new CachedSessionRecordStore(
            Resolve(cache, services), Resolve(durable, services), services.GetService<ILoggerFactory>()));
    }

    private static ServiceDescriptor? RegisteredStore(IServiceCollection services)
        => services.LastOrDefault(static descriptor => descriptor.ServiceType == typeof(ISessionRecordStore) && !descriptor.IsKeyedService);

    // The descriptor no longer stands in the collection, so it is resolved by hand, once: the cached store is a singleton.
    private static ISessionRecordStore Resolve(ServiceDescriptor descriptor, IServiceProvider services)
        => (ISessionRecordStore)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));
}
