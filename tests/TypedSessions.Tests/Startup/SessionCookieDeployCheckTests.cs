using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace TypedSessions.Tests.Startup;

/// <summary>
/// Django's deploy checks for the session cookie (security.W010–W015), as Warnings when a Production app starts, and
/// the same for a SameSite=None cookie browsers would reject without Secure. Development stays quiet.
/// </summary>
public sealed class SessionCookieDeployCheckTests
{
    [Fact]
    public async Task Production_with_the_default_SecurePolicy_warns_as_Djangos_W012()
    {
        var warning = Assert.Single(await StartupWarningsAsync(Environments.Production));

        Assert.Equal(54, warning.Id.Id);
        Assert.Equal("SessionCookieNotSecure", warning.Id.Name);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Cookie.SecurePolicy is SameAsRequest", warning.Message);
        Assert.Contains("security.W012 (SESSION_COOKIE_SECURE is not set to True)", warning.Message);
    }

    [Fact]
    public async Task Production_with_HttpOnly_off_warns_as_Djangos_W015()
    {
        var warnings = await StartupWarningsAsync(Environments.Production, options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.HttpOnly = false;
        });

        var warning = Assert.Single(warnings);
        Assert.Equal("SessionCookieNotHttpOnly", warning.Id.Name);
        Assert.Contains("security.W015 (SESSION_COOKIE_HTTPONLY is not set to True)", warning.Message);
    }

    [Fact]
    public async Task Production_with_SameSite_None_without_Secure_warns_that_browsers_reject_the_cookie()
    {
        var warnings = await StartupWarningsAsync(Environments.Production, options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.None;
            options.Cookie.SameSite = SameSiteMode.None;
        });

        Assert.Equal(["SessionCookieNotSecure", "SessionCookieSameSiteNoneWithoutSecure"], warnings.Select(warning => warning.Id.Name));
        Assert.Contains("browsers reject a SameSite=None cookie without Secure", warnings[1].Message);
    }

    [Fact]
    public async Task Production_without_the_middleware_names_Djangos_W010_and_W013()
    {
        var warnings = await StartupWarningsAsync(Environments.Production, options => options.Cookie.HttpOnly = false, useMiddleware: false);

        Assert.Equal(2, warnings.Count);
        Assert.Contains("security.W010", warnings[0].Message);
        Assert.Contains("security.W013", warnings[1].Message);
    }

    [Fact]
    public async Task Production_with_Secure_HttpOnly_and_Lax_logs_no_warning()
        => Assert.Empty(await StartupWarningsAsync(Environments.Production, options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always));

    [Fact]
    public async Task Production_with_the_Host_prefix_logs_no_warning()
        => Assert.Empty(await StartupWarningsAsync(Environments.Production, options => options.Cookie.Name = "__Host-sessionid"));

    [Fact]
    public async Task Development_with_every_risky_setting_logs_no_warning()
    {
        var warnings = await StartupWarningsAsync(Environments.Development, options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.None;
            options.Cookie.HttpOnly = false;
            options.Cookie.SameSite = SameSiteMode.None;
        });

        Assert.Empty(warnings);
    }

    [Fact]
    public async Task A_container_without_a_host_builds_and_validates_and_starts_the_check_quietly()
    {
        var services = new ServiceCollection();
        var logs = new FakeLogCollector();
        services.AddLogging(logging => logging.AddProvider(new FakeLoggerProvider(logs)));
        services.AddTypedSessions().AddMemoryStore();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        Assert.Empty(logs.GetSnapshot());
    }

    /// <summary>Starts and stops an app on TestServer in <paramref name="environment"/>; its TypedSessions.Security entries.</summary>
    private static async Task<IReadOnlyList<FakeLogRecord>> StartupWarningsAsync(
        string environment, Action<TypedSessionsOptions>? configure = null, bool useMiddleware = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        var logs = new FakeLogCollector();
        builder.Logging.ClearProviders().AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddTypedSessions(configure).AddMemoryStore();
        await using var app = builder.Build();
        if (useMiddleware)
        {
            app.UseTypedSessions();
        }

        await app.StartAsync();
        await app.StopAsync();
        return [.. logs.GetSnapshot().Where(log => log.Category == "TypedSessions.Security")];
    }
}
