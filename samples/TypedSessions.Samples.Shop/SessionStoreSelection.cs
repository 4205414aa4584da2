using TypedSessions;

namespace TypedSessions.Samples.Shop;

/// <summary>Picks the shop's session store from <c>TypedSessions:Store</c>: sqlite (default), redis, postgres or cookie.</summary>
internal static class SessionStoreSelection
{
    public static TypedSessionsBuilder AddConfiguredStore(this TypedSessionsBuilder sessions, IConfiguration configuration, IHostEnvironment environment)
    {
        var store = configuration["TypedSessions:Store"] ?? "sqlite";
        return store.Trim().ToLowerInvariant() switch
        {
            "sqlite" => sessions.AddSqliteStore(
                configuration.GetConnectionString("Sessions") ?? $"Data Source={Path.Combine(environment.ContentRootPath, "sessions.db")}"),
            "redis" => sessions.AddRedisStore(configuration.GetConnectionString("Redis") ?? "127.0.0.1:6379"),
            "postgres" => sessions.AddPostgreSqlStore(configuration.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("TypedSessions:Store is 'postgres' but ConnectionStrings:Postgres is not set.")),
            "cookie" => sessions.AddCookieStore().WithoutSessionLimit(),
            _ => throw new InvalidOperationException($"TypedSessions:Store is '{store}'; use sqlite, redis, postgres or cookie."),
        };
    }

    /// <summary>Where the configured store keeps sessions, for the page footer.</summary>
    public static string DescribeConfiguredStore(IConfiguration configuration)
        => (configuration["TypedSessions:Store"] ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "redis" => "Sessions are stored in Redis under a SHA-256 of their key",
            "postgres" => "Sessions are stored in PostgreSQL under a SHA-256 of their key",
            "cookie" => "Sessions are stored, encrypted, in the session cookie itself",
            _ => "Sessions are stored in SQLite under a SHA-256 of their key",
        };

    // The cookie store keeps no list of a user's sessions, so it cannot revoke the oldest past MaxSessionsPerUser: the
    // limit from appsettings.json would only log a warning at every sign-in.
    private static TypedSessionsBuilder WithoutSessionLimit(this TypedSessionsBuilder sessions)
    {
        sessions.Services.PostConfigure<TypedSessionsOptions>(options => options.MaxSessionsPerUser = null);
        return sessions;
    }
}
