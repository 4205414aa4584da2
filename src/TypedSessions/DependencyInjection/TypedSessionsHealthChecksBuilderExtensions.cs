using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TypedSessions.HealthChecks;
using TypedSessions.Stores;

namespace TypedSessions;

/// <summary>Adds the health check of the session store.</summary>
public static class TypedSessionsHealthChecksBuilderExtensions
{
    /// <summary>The default name of the check: <c>typedsessions_store</c>.</summary>
    public const string DefaultName = "typedsessions_store";

    /// <summary>
    /// Checks that the session store answers a cheap round trip (Redis <c>PING</c>, SQL <c>SELECT 1</c>, or for a store
    /// with no probe of its own a load of a record id no session has) within <paramref name="timeout"/>; otherwise reports
    /// <paramref name="failureStatus"/> with a description that names the store and the failure, and no secrets.
    /// </summary>
    /// <param name="builder">The health checks builder, from <c>AddHealthChecks()</c>.</param>
    /// <param name="name">The check's name; default <see cref="DefaultName"/>.</param>
    /// <param name="failureStatus">What a failure reports; default <see cref="HealthStatus.Unhealthy"/>.</param>
    /// <param name="tags">Tags to filter checks by, for example <c>["ready"]</c>.</param>
    /// <param name="timeout">How long the store may take; default <see cref="TypedSessionsOptions.StoreTimeout"/>.</param>
    public static IHealthChecksBuilder AddTypedSessionsStore(
        this IHealthChecksBuilder builder,
        string name = DefaultName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (timeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero, nameof(timeout));
        }

        return builder.Add(new HealthCheckRegistration(
            name,
            services => new SessionStoreHealthCheck(
                services.GetRequiredService<ISessionRecordStore>(), services.GetRequiredService<IOptions<TypedSessionsOptions>>(), timeout),
            failureStatus,
            tags));
    }
}
