using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace TypedSessions.Tests.Samples;

/// <summary>The shop's /healthz follows its session store, and its sessions show on the TypedSessions meter.</summary>
public sealed class ShopObservabilityTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    [Fact]
    public async Task Healthz_answers_healthy_while_the_session_store_answers()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_answers_unhealthy_when_the_session_database_cannot_be_opened()
    {
        var missingFolder = Path.Combine(Path.GetTempPath(), $"typedsessions-missing-{Guid.NewGuid():N}", "sessions.db");
        await using var broken = factory.WithWebHostBuilder(
            builder => builder.UseSetting("ConnectionStrings:Sessions", $"Data Source={missingFolder};Mode=ReadWrite;Pooling=False"));
        using var client = broken.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Adding_to_the_cart_shows_on_the_TypedSessions_meter()
    {
        using var created = new MetricCollector<long>(
            factory.Services.GetRequiredService<IMeterFactory>(), TypedSessionsTelemetry.MeterName, "typedsessions.session.created");
        var browser = factory.NewBrowser();

        await browser.PostFormAsync("/", "/?handler=Add&productId=1", new Dictionary<string, string>());

        Assert.Equal(1, Assert.Single(created.GetMeasurementSnapshot()).Value);
    }
}
