using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypedSessions.Redis;

namespace TypedSessions;

/// <summary>Registers the Redis store.</summary>
public static class RedisStoreBuilderExtensions
{
    /// <summary>
    /// Keeps sessions in Redis over a connection the store opens (asynchronously, on first use) and closes with the
    /// application. The options are validated at startup.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddTypedSessions</c>.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, for example <c>localhost:6379</c>.</param>
    /// <param name="configure">Changes further options, such as <see cref="RedisSessionRecordStoreOptions.KeyPrefix"/>.</param>
    public static TypedSessionsBuilder AddRedisStore(
        this TypedSessionsBuilder builder, string configuration, Action<RedisSessionRecordStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        builder.Services.AddOptions<RedisSessionRecordStoreOptions>().Configure(o => o.Configuration = configuration);
        return AddRedisStoreCore(builder, configure);
    }

    /// <summary>
    /// Keeps sessions in Redis over the <see cref="IConnectionMultiplexer"/> registered in DI, so the application and
    /// its sessions share one connection; the store never closes it. Startup fails when none is registered (unless
    /// <see cref="RedisSessionRecordStoreOptions.Configuration"/> is set, which then wins).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddTypedSessions</c>.</param>
    public static TypedSessionsBuilder AddRedisStore(this TypedSessionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return AddRedisStoreCore(builder, configure: null);
    }

    /// <inheritdoc cref="AddRedisStore(TypedSessionsBuilder)"/>
    /// <param name="builder">The builder returned by <c>AddTypedSessions</c>.</param>
    /// <param name="configure">Changes further options, such as <see cref="RedisSessionRecordStoreOptions.KeyPrefix"/>.</param>
    public static TypedSessionsBuilder AddRedisStore(this TypedSessionsBuilder builder, Action<RedisSessionRecordStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return AddRedisStoreCore(builder, configure);
    }

    private static TypedSessionsBuilder AddRedisStoreCore(TypedSessionsBuilder builder, Action<RedisSessionRecordStoreOptions>? configure)
    {
        var options = builder.Services.AddOptions<RedisSessionRecordStoreOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<RedisSessionRecordStoreOptions>, RedisSessionRecordStoreOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);

        // The connection is a service of its own so that DI disposes it: it closes a multiplexer it opened, never a shared one.
        builder.Services.TryAddSingleton(static services =>
        {
            var configuration = services.GetRequiredService<IOptions<RedisSessionRecordStoreOptions>>().Value.Configuration;
            return configuration is null
                ? RedisSessionConnection.Share(services.GetRequiredService<IConnectionMultiplexer>())
                : RedisSessionConnection.Open(configuration, services.GetRequiredService<ILoggerFactory>().CreateLogger("TypedSessions.Redis"));
        });
        builder.Services.TryAddSingleton(static services => new RedisSessionRecordStore(
            services.GetRequiredService<RedisSessionConnection>(),
            services.GetRequiredService<IOptions<RedisSessionRecordStoreOptions>>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetService<ILoggerFactory>()));
        return builder.UseStore(static services => services.GetRequiredService<RedisSessionRecordStore>());
    }
}
