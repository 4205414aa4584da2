using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>
/// The app every instance runs: session keys and a cart to change, and cookie sign-in bound to the session
/// (<c>AddAuthenticationIntegration()</c>) with "sign out everywhere". Each response names the instance that served it
/// in <see cref="InstanceHeader"/>.
/// </summary>
internal static class MultiInstanceApp
{
    public const string InstanceHeader = "X-Instance";

    public const string CartKey = "cart";

    /// <summary>Authentication and authorization; an unauthenticated request answers 401 rather than a redirect.</summary>
    public static void AddServices(IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            });
        services.AddAuthorization();
    }

    public static void Map(WebApplication app, int instance)
    {
        app.Use((context, next) =>
        {
            context.Response.Headers[InstanceHeader] = instance.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapPost("/set/{name}/{value:int}", async (HttpContext context, string name, int value) => (await context.GetSessionAsync()).Set(name, value));
        app.MapGet("/get/{name}", async (HttpContext context, string name) => (await context.GetSessionAsync()).Get<int>(name));

        // Cast: a lambda taking only HttpContext would bind as a RequestDelegate and its result would be dropped.
        app.MapGet("/keys", (Delegate)(async (HttpContext context) => (await context.GetSessionAsync()).Keys.Order(StringComparer.Ordinal).ToArray()));

        app.MapPost("/cart/lines/{count:int}", async (HttpContext context, int count) =>
            (await context.GetSessionAsync()).Set(CartKey, new ShopCart { Lines = [.. Enumerable.Range(1, count).Select(id => new ShopCartLine { Id = id, Quantity = 1 })] }));
        app.MapPost("/cart/lines/{id:int}/quantity/{quantity:int}", async (HttpContext context, int id, int quantity) =>
            (await context.GetSessionAsync()).Get<ShopCart>(CartKey)!.Lines.Single(line => line.Id == id).Quantity = quantity);
        app.MapGet("/cart", async Task<ShopCart?> (HttpContext context) => (await context.GetSessionAsync()).Get<ShopCart>(CartKey));

        app.MapPost("/login/{user}", async (HttpContext context, string user) =>
        {
            await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "test")));
            return "signed in";
        });
        app.MapGet("/private", () => "secret").RequireAuthorization();
        app.MapPost("/sign-out-everywhere", async (ClaimsPrincipal user, ISessionManager sessions) =>
            await sessions.RevokeUserSessionsAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!)).RequireAuthorization();
    }
}
