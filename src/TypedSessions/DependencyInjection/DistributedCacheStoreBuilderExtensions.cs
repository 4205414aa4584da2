using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TypedSessions.Stores.DistributedCache;

namespace TypedSessions;

/// <summary>Registers the store over the app's <see cref="IDistributedCache"/>.</summary>
public static class DistributedCacheStoreBuilderExtensions
{
    /// <summary>
    /// Keeps each session as one entry of the app's <see cref="IDistributedCache"/> (register one first, for example
    /// <c>AddStackExchangeRedisCache</c>, <c>AddDistributedSqlServerCache</c> or <c>AddDistributedMemoryCache</c>;
    /// startup fails with a clear message when none is). A cache has no compare-and-set, so between instances of the
    /// app concurrent saves of one session are last writer wins, and the cache's eviction can drop live sessions; see
    /// <see cref="DistributedCacheSessionRecordStore"/> for the exact guarantees. The options are validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddTypedSessions</c>.</param>
    /// <param name="configure">Changes the options, such as <see cref="DistributedCacheSessionRecordStoreOptions.KeyPrefix"/>.</param>
    public static TypedSessionsBuilder AddDistributedCacheStore(this TypedSessionsBuilder builder, Action<DistributedCacheSessionRecordStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<DistributedCacheSessionRecordStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DistributedCacheSessionRecordStoreOptions>, DistributedCacheSessionRecordStoreOptionsValidator>());
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DistributedCacheSessionRecordStoreOptions>, DistributedCacheRegistrationValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(static services => new DistributedCacheSessionRecordStore(
            services.GetService<IDistributedCache>() ?? throw new InvalidOperationException(DistributedCacheRegistrationValidator.MissingCacheMessage),
            services.GetRequiredService<IOptions<DistributedCacheSessionRecordStoreOptions>>(),
            services.GetRequiredService<TimeProvider>()));
        return builder.UseStore(static services => services.GetRequiredService<DistributedCacheSessionRecordStore>());
    }
}
