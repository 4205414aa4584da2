using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TypedSessions.Testing;

/// <summary>The two endpoints the cookie tests drive a session through: one session key, <c>name</c>, written and read back.</summary>
internal static class SessionNameEndpoints
{
    /// <summary>Maps <c>GET /write/{name}</c>, which sets the session's <c>name</c>, and <c>GET /read</c>, which answers it or <c>none</c>.</summary>
    public static void MapSessionNameEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("name") ?? "none");
        app.MapGet("/write/{name}", async (string name, HttpContext context) =>
        {
            (await context.GetSessionAsync()).Set("name", name);
            return "ok";
        });
    }
}
