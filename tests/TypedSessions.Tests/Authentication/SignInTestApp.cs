using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TypedSessions.Stores;

namespace TypedSessions.Tests.Authentication;

/// <summary>
/// An app that signs users in with real ASP.NET Core authentication (cookie authentication, or a scheme of its own) and
/// <c>AddAuthenticationIntegration()</c>, on TestServer. Several apps can share one store, as instances of one
/// deployment do.
/// </summary>
public sealed class SignInTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SignInTestApp(WebApplication app, FakeLogCollector logs)
    {
        _app = app;
        Logs = logs;
    }

    public FakeLogCollector Logs { get; }

    public ISessionManager Manager => _app.Services.GetRequiredService<ISessionManager>();

    public IServiceProvider Services => _app.Services;

    /// <summary>The name of the scheme's cookie that holds the principal.</summary>
    public string AuthCookie { get; private init; } = "";

    public CookieJarClient NewBrowser() => new(_app.GetTestClient());

    public static async Task<SignInTestApp> StartAsync(
        string scheme = CookieAuthenticationDefaults.AuthenticationScheme,
        ISessionRecordStore? store = null,
        bool authenticationFirst = false,
        Action<TypedSessionsOptions>? configure = null,
        Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs))
            .AddFilter<FakeLoggerProvider>(category: null, LogLevel.Debug);
        var sessionStore = store ?? new MemorySessionRecordStore(TimeProvider.System);
        builder.Services.AddTypedSessions(options =>
            {
                options.PurgeInterval = null;
                configure?.Invoke(options);
            })
            .UseStore(_ => sessionStore)
            .AddAuthenticationIntegration();
        var authentication = builder.Services.AddAuthentication(scheme);
        if (scheme == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            authentication.AddCookie(options => options.Cookie.Name = "auth");
        }
        else
        {
            authentication.AddScheme<AuthenticationSchemeOptions, PlainCookieAuthenticationHandler>(scheme, configureOptions: null);
        }

        builder.Services.AddAuthorization();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (authenticationFirst)
        {
            app.UseAuthentication();
            app.UseTypedSessions();
        }
        else
        {
            app.UseTypedSessions();
            app.UseAuthentication();
        }

        app.UseAuthorization();
        Map(app);
        await app.StartAsync();
        return new SignInTestApp(app, logs) { AuthCookie = scheme == CookieAuthenticationDefaults.AuthenticationScheme ? "auth" : PlainCookieAuthenticationHandler.CookieName };
    }

    private static void Map(WebApplication app)
    {
        app.MapPost("/data/{value}", async (HttpContext context, string value) =>
        {
            (await context.GetSessionAsync()).Set("data", value);
            return "ok";
        });

        // The app's own sign-in code, as any app writes it: nothing session-specific.
        app.MapPost("/login/{user}", async (HttpContext context, string user) =>
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user)], "test");
            await context.SignInAsync(new ClaimsPrincipal(identity));
            return "signed in";
        });
        // Sign-in code that swallows a failed sign-in and answers as if nothing happened.
        app.MapPost("/login-or-shrug/{user}", async (HttpContext context, string user) =>
        {
            try
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user)], "test");
                await context.SignInAsync(new ClaimsPrincipal(identity));
                return "signed in";
            }
            catch (SessionStoreUnavailableException)
            {
                return "not signed in";
            }
        });
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync();
            return "signed out";
        });

        // Who the request is, by the principal and by the session, and what the session holds.
        app.MapGet("/whoami", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            var user = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : "anonymous";
            return $"{user}|{session.UserId ?? "-"}|{session.Get<string>("data") ?? "-"}";
        });
        app.MapGet("/private", () => "secret").RequireAuthorization();

        app.MapGet("/devices", async (HttpContext context, ISessionManager manager) =>
        {
            var session = await context.GetSessionAsync();
            var sessions = await manager.ListUserSessionsAsync(session.UserId!);
            return string.Join("\n", sessions
                .OrderBy(info => info.CreatedAt)
                .Select(info => $"{info.RecordId}|{(info.RecordId == session.RecordId ? "this" : "other")}|{info.UserAgent}|{info.RemoteAddress}"));
        }).RequireAuthorization();
        app.MapPost("/devices/{recordId}/revoke", async (ISessionManager manager, string recordId) =>
            await manager.RevokeAsync(recordId) ? "revoked" : "unknown").RequireAuthorization();
        app.MapPost("/devices/revoke-others", async (HttpContext context, ISessionManager manager) =>
        {
            var session = await context.GetSessionAsync();
            return (await manager.RevokeUserSessionsAsync(session.UserId!, exceptKey: session.Key)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }).RequireAuthorization();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
