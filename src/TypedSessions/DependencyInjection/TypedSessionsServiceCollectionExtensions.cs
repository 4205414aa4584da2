using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TypedSessions.Engine;
using TypedSessions.Mvc;
using TypedSessions.Purging;

namespace TypedSessions;

/// <summary>Registers TypedSessions.</summary>
public static class TypedSessionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the session engine, <see cref="ISessionManager"/>, MVC binding of <see cref="SessionStateAttribute"/>
    /// classes and a hosted service that removes expired sessions every <see cref="TypedSessionsOptions.PurgeInterval"/>.
    /// Choose a store on the returned builder, for example <c>.AddSqliteStore("Data Source=sessions.db")</c>.
    /// </summary>
    public static TypedSessionsBuilder AddTypedSessions(this IServiceCollection services, Action<TypedSessionsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<TypedSessionsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TypedSessionsOptions>, TypedSessionsOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TypedSessionsOptions>, PostConfigureTypedSessionsOptions>());
        services.TryAddSingleton<TypedSessionsMarker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionCookieDeployCheck>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISessionKeyScheme, RandomSessionKeyScheme>();
        services.TryAddSingleton<SessionEngine>();
        services.TryAddSingleton<SessionHttpCommitter>();
        services.TryAddSingleton<SessionFeatureAttacher>();
        services.TryAddSingleton<UserSessions>();
        services.TryAddSingleton<ISessionManager, SessionManager>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigureOptions<MvcOptions>, ConfigureMvcForSessions>());
        services.AddHostedService<SessionPurgeService>();
        return new TypedSessionsBuilder(services);
    }
}
