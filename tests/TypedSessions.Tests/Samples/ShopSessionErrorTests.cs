using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Samples;

/// <summary>
/// The shop when a save fails: a friendly page for a shopper's browser, problem details for the JSON API, and the
/// right status either way.
/// </summary>
public sealed class ShopSessionErrorTests(ShopSessionErrorTests.FaultyShopFactory factory) : IClassFixture<ShopSessionErrorTests.FaultyShopFactory>
{
    private FaultyStore Store => factory.Services.GetRequiredService<FaultyStore>();

    [Fact]
    public async Task A_conflicting_change_on_a_page_shows_a_page_that_says_what_happened()
    {
        var browser = new ShopBrowser(factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));
        await browser.PostFormAsync("/", "/?handler=Add&productId=2");
        Store.UpdateOutcome = SessionWriteResult.Conflict;
        try
        {
            var response = await browser.PostFormForResponseAsync("/Cart", "/Cart?handler=Change&productId=2&delta=1");
            var page = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<h1 id=\"error-heading\">Your cart changed in another tab</h1>", page);
        }
        finally
        {
            Store.UpdateOutcome = null;
        }

        Assert.Contains("id=\"quantity-2\">1<", await browser.GetAsync("/Cart"));
    }

    [Fact]
    public async Task The_json_api_answers_a_conflict_with_problem_details()
    {
        var key = await SeedCartAsync();
        Store.UpdateOutcome = SessionWriteResult.Conflict;

        var response = await SendAsync(HttpMethod.Post, "/api/cart/1", key, accept: "application/json");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(409, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Store.UpdateOutcome = null;
    }

    [Fact]
    public async Task A_store_outage_shows_a_friendly_page_with_when_to_retry()
    {
        var key = await SeedCartAsync();
        Store.Failure = new IOException("Connection refused");
        try
        {
            var response = await SendAsync(HttpMethod.Get, "/Cart", key, accept: "text/html,application/xhtml+xml,*/*;q=0.8");
            var page = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<h1 id=\"error-heading\">We can&#39;t reach your cart right now</h1>", page);
            Assert.Contains("the change may not have been saved. Please try again in a moment.", page);
            Assert.True(response.Headers.Contains("Retry-After"));
        }
        finally
        {
            Store.Failure = null;
            await WaitForRecoveryAsync(key);
        }
    }

    // The engine notices recovery with a background probe; the other tests of this class share its store.
    private async Task WaitForRecoveryAsync(string key)
    {
        var manager = factory.Services.GetRequiredService<ISessionManager>();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await manager.OpenAsync(key);
                return;
            }
            catch (SessionStoreUnavailableException)
            {
                await Task.Delay(50);
            }
        }

        Assert.Fail("The store did not recover within 5 s of answering again.");
    }

    private async Task<string> SeedCartAsync()
    {
        var session = await factory.Services.GetRequiredService<ISessionManager>().OpenAsync(null);
        session.Set("Cart.Lines", new[] { new { ProductId = 2, Quantity = 1 } });
        await session.SaveAsync();
        return session.Key!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string accept)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", $"sessionid={key}");
        request.Headers.Add("Accept", accept);
        return await client.SendAsync(request);
    }

    /// <summary>The shop over a store the tests can make fail.</summary>
    public sealed class FaultyShopFactory : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
            => builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(provider => new FaultyStore(TimeProvider.System));
                services.AddTypedSessions(options => options.StoreTimeout = TimeSpan.FromMilliseconds(500))
                    .UseStore(provider => provider.GetRequiredService<FaultyStore>());
            });
    }
}
