using Microsoft.Extensions.Configuration;

namespace TypedSessions.LoadApp;

/// <summary>Which session implementation serves the load app's endpoints.</summary>
public enum LoadSessions
{
    /// <summary>TypedSessions: <c>AddTypedSessions()</c>, <c>UseTypedSessions()</c>, <c>[SessionState]</c> parameters.</summary>
    Typed,

    /// <summary>Microsoft.AspNetCore.Session: <c>AddSession()</c>, <c>UseSession()</c>, one <c>ISession</c> key per property, JSON values.</summary>
    AspNet,

    /// <summary>No session at all: the same routes answer the same body shapes with constant data.</summary>
    None,
}

/// <summary>Where the sessions are kept.</summary>
public enum LoadStore
{
    /// <summary>In process. See <see cref="TypedMemoryStore"/> for which memory store TypedSessions uses.</summary>
    Memory,

    /// <summary>A Redis server (<see cref="LoadAppOptions.Redis"/>).</summary>
    Redis,
}

/// <summary>Which in-process store TypedSessions uses when <see cref="LoadAppOptions.Store"/> is <see cref="LoadStore.Memory"/>.</summary>
public enum TypedMemoryStore
{
    /// <summary>
    /// <c>AddDistributedCacheStore()</c> over <c>AddDistributedMemoryCache()</c>: the same <c>IDistributedCache</c> the
    /// ASP.NET Core Session baseline uses, so the two are compared over one backing store (the default).
    /// </summary>
    DistributedCache,

    /// <summary>TypedSessions' own <c>AddMemoryStore()</c> (per-key records under a lock, no serialization of the whole entry).</summary>
    Native,
}

/// <summary>
/// The load app's configuration. From the command line (<see cref="FromConfiguration"/>):
/// <c>--sessions typed|aspnet|none</c>, <c>--store memory|redis</c>, <c>--redis host:port</c>,
/// <c>--typed-memory-store distributed|native</c>; <c>--urls</c> is Kestrel's own.
/// </summary>
public sealed class LoadAppOptions
{
    /// <summary>The session implementation; <see cref="LoadSessions.Typed"/> by default.</summary>
    public LoadSessions Sessions { get; set; } = LoadSessions.Typed;

    /// <summary>The store; <see cref="LoadStore.Memory"/> by default.</summary>
    public LoadStore Store { get; set; } = LoadStore.Memory;

    /// <summary>The Redis server for <see cref="LoadStore.Redis"/>, a StackExchange.Redis configuration string.</summary>
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>TypedSessions' in-process store; <see cref="TypedMemoryStore.DistributedCache"/> by default.</summary>
    public TypedMemoryStore TypedMemoryStore { get; set; } = TypedMemoryStore.DistributedCache;

    /// <summary>A one-line description for logs and the harness, such as <c>typed/memory (IDistributedCache)</c>.</summary>
    public string Describe() => (Sessions, Store) switch
    {
        (LoadSessions.None, _) => "none",
        (LoadSessions.Typed, LoadStore.Memory) when TypedMemoryStore == TypedMemoryStore.Native => "typed/memory (AddMemoryStore)",
        (LoadSessions.Typed, LoadStore.Memory) => "typed/memory (AddDistributedCacheStore over AddDistributedMemoryCache)",
        (LoadSessions.Typed, LoadStore.Redis) => $"typed/redis (AddRedisStore {Redis})",
        (LoadSessions.AspNet, LoadStore.Memory) => "aspnet/memory (AddSession over AddDistributedMemoryCache)",
        (LoadSessions.AspNet, LoadStore.Redis) => $"aspnet/redis (AddSession over AddStackExchangeRedisCache {Redis})",
        _ => throw new InvalidOperationException($"Unknown configuration {Sessions}/{Store}."),
    };

    /// <summary>Reads the options from configuration keys <c>sessions</c>, <c>store</c>, <c>redis</c> and <c>typed-memory-store</c>.</summary>
    public static LoadAppOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LoadAppOptions();
        if (configuration["sessions"] is { } sessions)
        {
            options.Sessions = sessions.Trim().ToLowerInvariant() switch
            {
                "typed" => LoadSessions.Typed,
                "aspnet" => LoadSessions.AspNet,
                "none" => LoadSessions.None,
                _ => throw new ArgumentException($"--sessions is '{sessions}'; use typed, aspnet or none."),
            };
        }

        if (configuration["store"] is { } store)
        {
            options.Store = store.Trim().ToLowerInvariant() switch
            {
                "memory" => LoadStore.Memory,
                "redis" => LoadStore.Redis,
                _ => throw new ArgumentException($"--store is '{store}'; use memory or redis."),
            };
        }

        if (configuration["redis"] is { Length: > 0 } redis)
        {
            options.Redis = redis;
        }

        if (configuration["typed-memory-store"] is { } typedMemory)
        {
            options.TypedMemoryStore = typedMemory.Trim().ToLowerInvariant() switch
            {
                "distributed" => TypedMemoryStore.DistributedCache,
                "native" => TypedMemoryStore.Native,
                _ => throw new ArgumentException($"--typed-memory-store is '{typedMemory}'; use distributed or native."),
            };
        }

        return options;
    }
}
