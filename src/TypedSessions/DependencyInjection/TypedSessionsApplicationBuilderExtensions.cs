using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions;

/// <summary>Adds the TypedSessions middleware.</summary>
public static class TypedSessionsApplicationBuilderExtensions
{
    /// <summary>
    /// Gives every later middleware and endpoint the request's session and commits it as the response goes out.
    /// Call it before the endpoints that use the session (after <c>UseRouting</c> when it is called explicitly, so that
    /// endpoint metadata such as <see cref="LoadSessionAttribute"/> is seen).
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>AddTypedSessions()</c> or a store is missing.</exception>
    public static IApplicationBuilder UseTypedSessions(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<TypedSessionsMarker>() is not { } marker)
        {
            throw new InvalidOperationException("TypedSessions is not registered: call builder.Services.AddTypedSessions() and choose a store.");
        }

        // Asked without building the store: building it reads the options, whose validation belongs to startup.
        if (app.ApplicationServices.GetService<IServiceProviderIsService>() is { } registry
            ? !registry.IsService(typeof(TypedSessions.Stores.ISessionRecordStore))
            : app.ApplicationServices.GetService<TypedSessions.Stores.ISessionRecordStore>() is null)
        {
            throw new InvalidOperationException(
                "No session store is registered: call AddTypedSessions().AddSqliteStore(\"Data Source=sessions.db\"), .AddMemoryStore(), .AddCookieStore() or another store.");
        }

        marker.MiddlewareAdded = true;
        return app.UseMiddleware<TypedSessionsMiddleware>();
    }
}
