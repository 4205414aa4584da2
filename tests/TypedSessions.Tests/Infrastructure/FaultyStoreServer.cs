using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Tests.Typed;

namespace TypedSessions.Tests.Infrastructure;

/// <summary>A test server over a <see cref="FaultyStore"/>, with the endpoints the failure tests share.</summary>
public static class FaultyStoreServer
{
    public static Task<SessionTestServer> StartAsync(
        Action<TypedSessionsOptions>? configure = null, Action<IServiceCollection>? services = null, Action<WebApplication>? map = null)
        => SessionTestServer.StartAsync(
            app =>
            {
                app.MapGet("/ping", () => "pong");
                app.MapGet("/read", async Task<string> (HttpContext context) => (await context.GetSessionAsync()).Get<int>("n").ToString());

                // Changes the session and writes nothing itself: saved after the handler, where a failure can replace the response.
                app.MapGet("/write", async (HttpContext context) =>
                {
                    (await context.GetSessionAsync()).Set("n", 42);
                });

                // A minimal API result: the endpoint filter saves before the value is written.
                app.MapPost("/basket/items/{item}", (string item, Basket basket) =>
                {
                    basket.Items.Add(item);
                    return basket.Items.Count;
                });

                // Writes its own body: the save happens as the response starts.
                app.MapGet("/write-streamed", async (HttpContext context) =>
                {
                    (await context.GetSessionAsync()).Set("n", 7);
                    await context.Response.WriteAsync("streamed");
                });
                map?.Invoke(app);
            },
            options =>
            {
                options.StoreTimeout = TimeSpan.FromMilliseconds(300);
                configure?.Invoke(options);
            },
            collection =>
            {
                collection.AddSingleton(provider => new FaultyStore(provider.GetRequiredService<TimeProvider>()));
                collection.AddTypedSessions().UseStore(provider => provider.GetRequiredService<FaultyStore>());
                services?.Invoke(collection);
            });

    public static FaultyStore FaultyStore(this SessionTestServer server) => server.Services.GetRequiredService<FaultyStore>();
}
