using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using TypedSessions.LoadApp.Endpoints;

namespace TypedSessions.LoadApp;

/// <summary>
/// The load app's services, middleware and routes, usable in process (a BenchmarkDotNet benchmark, TestServer) as well
/// as by <c>Program.cs</c>. Every configuration serves the same routes:
/// <list type="bullet">
/// <item><c>GET /plain</c>: an endpoint that never uses the session;</item>
/// <item><c>GET /read</c>: reads <c>Count</c>, <c>Name</c> and <c>Lines</c>, writes nothing;</item>
/// <item><c>POST /write</c>: increments <c>Count</c> (one key written);</item>
/// <item><c>POST /list</c>: increments the quantity of one line of 20, in place;</item>
/// <item><c>POST /seed</c>, <c>POST /seed?wide=true</c>: creates the session (5 keys; with <c>wide</c>, 100 more).</item>
/// </list>
/// A request header <see cref="SlotHeader"/> is echoed on the response, in every configuration, so a load generator
/// that multiplexes connections (wrk's Lua scripts see threads, not connections) can tell which of its sessions a
/// response belongs to.
/// </summary>
public static class LoadAppSetup
{
    /// <summary>The request header echoed on every response.</summary>
    public const string SlotHeader = "X-Load-Slot";

    /// <summary>Registers the sessions and stores <paramref name="options"/> names, and the JSON metadata of the responses.</summary>
    public static IServiceCollection ConfigureServices(IServiceCollection services, LoadAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddRouting();
        services.Configure<JsonOptions>(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, LoadJsonContext.Default));
        services.AddSingleton(options);

        switch (options.Sessions)
        {
            case LoadSessions.Typed:
                var sessions = services.AddTypedSessions(typed => typed.UseJsonSerializerContext(LoadJsonContext.Default));
                if (options.Store == LoadStore.Redis)
                {
                    sessions.AddRedisStore(options.Redis);
                }
                else if (options.TypedMemoryStore == TypedMemoryStore.Native)
                {
                    sessions.AddMemoryStore();
                }
                else
                {
                    services.AddDistributedMemoryCache();
                    sessions.AddDistributedCacheStore();
                }

                break;

            case LoadSessions.AspNet:
                if (options.Store == LoadStore.Redis)
                {
                    services.AddStackExchangeRedisCache(redis =>
                    {
                        redis.Configuration = options.Redis;
                        redis.InstanceName = "aspnet:";
                    });
                }
                else
                {
                    services.AddDistributedMemoryCache();
                }

                services.AddSession();
                break;

            case LoadSessions.None:
                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Sessions, "Unknown session implementation.");
        }

        return services;
    }

    /// <summary>
    /// Adds routing, the slot echo, the session middleware <paramref name="options"/> names and the endpoints to
    /// <paramref name="app"/> (a <c>WebApplication</c>, or the <c>IApplicationBuilder</c> of a host or TestServer).
    /// </summary>
    public static IApplicationBuilder Configure(IApplicationBuilder app, LoadAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        app.Use(static (context, next) =>
        {
            if (context.Request.Headers.TryGetValue(SlotHeader, out var slot))
            {
                context.Response.Headers[SlotHeader] = slot;
            }

            return next(context);
        });
        app.UseRouting();
        switch (options.Sessions)
        {
            case LoadSessions.Typed:
                app.UseTypedSessions();
                break;
            case LoadSessions.AspNet:
                app.UseSession();
                break;
        }

        app.UseEndpoints(endpoints => MapEndpoints(endpoints, options));
        return app;
    }

    /// <summary>Maps the five routes for <paramref name="options"/>' session implementation.</summary>
    public static IEndpointRouteBuilder MapEndpoints(IEndpointRouteBuilder endpoints, LoadAppOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        LoadEndpoints.MapPlain(endpoints);
        switch (options.Sessions)
        {
            case LoadSessions.Typed:
                TypedEndpoints.Map(endpoints);
                break;
            case LoadSessions.AspNet:
                AspNetEndpoints.Map(endpoints);
                break;
            default:
                NoSessionEndpoints.Map(endpoints);
                break;
        }

        return endpoints;
    }

    /// <summary>
    /// Builds the whole app on Kestrel from command-line <paramref name="args"/> (see <see cref="LoadAppOptions"/>;
    /// <c>--urls</c> picks the address), logging only warnings and errors.
    /// </summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = LoadAppOptions.FromConfiguration(builder.Configuration);
        ConfigureServices(builder.Services, options);
        var app = builder.Build();
        Configure(app, options);
        return app;
    }
}
