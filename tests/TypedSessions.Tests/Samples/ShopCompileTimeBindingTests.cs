using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Tests.Samples;

/// <summary>
/// The shop builds its JSON API with the Request Delegate Generator, as a trimmed or native AOT app does: the generated
/// code must find the session-state parameter's binding, which <c>ISessionState&lt;T&gt;</c> implements explicitly.
/// </summary>
public sealed class ShopCompileTimeBindingTests(ShopFactory factory) : IClassFixture<ShopFactory>
{
    [Fact]
    public async Task Cart_api_is_bound_by_generated_code_that_loads_the_session()
    {
        using var client = factory.CreateClient();
        var cartEndpoint = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Single(endpoint => endpoint.RoutePattern.RawText == "/api/cart/{productId:int}");

        // The generator's own metadata type lives in the app's assembly; the runtime factory's lives in ASP.NET Core.
        var cart = Assert.Single(cartEndpoint.Metadata.OfType<IParameterBindingMetadata>(), metadata => metadata.Name == "cart");
        Assert.Same(typeof(Program).Assembly, cart.GetType().Assembly);
        Assert.True(cart.HasBindAsync);

        var added = await client.PostAsync("/api/cart/2", content: null);
        added.EnsureSuccessStatusCode();
        var cookie = added.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("sessionid=", StringComparison.Ordinal)).Split(';')[0];
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/cart/");
        read.Headers.Add("Cookie", cookie);
        var body = await (await client.SendAsync(read)).Content.ReadAsStringAsync();
        Assert.Contains("\"productId\":2", body, StringComparison.Ordinal);
    }
}
