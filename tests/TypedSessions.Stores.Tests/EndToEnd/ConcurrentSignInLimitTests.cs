using System.Net;
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

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// MaxSessionsPerUser with two app instances on one store, each with its own container and its own store object, as
/// two servers of one deployment: many concurrent sign-ins of one user, spread over both, leave exactly the limit. The
/// sign-ins meet at the store (a <see cref="StoreRendezvous"/> armed for creates) so they overlap however they are scheduled.
/// </summary>
public abstract class ConcurrentSignInLimitTests
{
    private const int Limit = 3;
    private const int SignIns = 24;

    private readonly FakeLogCollector _logs = new();
    private readonly StoreRendezvous _rendezvous = new();

    /// <summary>Registers the store under test; every call names the same store (file, prefix or table).</summary>
    protected abstract void AddStore(TypedSessionsBuilder builder);

    [SkippableFact]
    public async Task Concurrent_sign_ins_on_two_instances_leave_the_user_exactly_the_newest_sessions()
    {
        await using var east = await StartAsync();
        await using var west = await StartAsync();
        var browsers = Enumerable.Range(0, SignIns).Select(i => (App: i % 2 == 0 ? east : west, Browser: new CookieJarClient((i % 2 == 0 ? east : west).GetTestClient()))).ToList();

        _rendezvous.Arm(GatedStoreCall.Create, SignIns);
        await Task.WhenAll(browsers.Select(async pair =>
        {
            using var response = await pair.Browser.PostAsync("/login/alice");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }));
        Assert.True(_rendezvous.Released.IsCompleted, "The sign-ins did not all reach the store together.");

        var remaining = await east.Services.GetRequiredService<ISessionManager>().ListUserSessionsAsync("alice");
        Assert.Equal(Limit, remaining.Count);
        var stillSignedIn = 0;
        foreach (var (_, browser) in browsers)
        {
            using var response = await browser.GetAsync("/private");
            stillSignedIn += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        Assert.Equal(Limit, stillSignedIn);
        Assert.DoesNotContain(_logs.GetSnapshot(), log => log.Id.Name == "SessionLimitNotEnforced");
    }

    private async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(_logs));
        var sessions = builder.Services.AddTypedSessions(options =>
        {
            options.PurgeInterval = null;
            options.MaxSessionsPerUser = Limit;
        });
        AddStore(sessions);
        RendezvousSessionRecordStore.Wrap(sessions, _rendezvous);
        sessions.AddAuthenticationIntegration();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseTypedSessions();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPost("/login/{user}", async (HttpContext context, string user) =>
        {
            await context.SignInAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user)], "test")));
            return "signed in";
        });
        app.MapGet("/private", () => "secret").RequireAuthorization();
        await app.StartAsync();
        return app;
    }
}
