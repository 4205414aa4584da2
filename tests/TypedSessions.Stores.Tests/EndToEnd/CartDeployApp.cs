using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSessions.Engine;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// One deployment of a shop on <see cref="TestServer"/>, over a store the caller registers: the first stores the cart
/// as <see cref="CartBeforeRename"/>, the next as <see cref="CartAfterRename"/>. Two of them over one store are a deploy.
/// </summary>
public sealed class CartDeployApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CartDeployApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    /// <summary>POST <c>/items/{item}</c> adds an item to <see cref="CartBeforeRename.Items"/>.</summary>
    public static Task<CartDeployApp> StartFirstAsync(Action<TypedSessionsBuilder> addStore)
        => StartAsync(addStore, app => app.MapPost("/items/{item}", (CartBeforeRename cart, string item) => cart.Items.Add(item)));

    /// <summary>
    /// GET <c>/lines</c> only reads <see cref="CartAfterRename.Lines"/>; POST <c>/note/{note}</c> sets the note and
    /// answers the lines, so the session is saved.
    /// </summary>
    public static Task<CartDeployApp> StartNextAsync(Action<TypedSessionsBuilder> addStore)
        => StartAsync(addStore, app =>
        {
            app.MapGet("/lines", (CartAfterRename cart) => cart.Lines);
            app.MapPost("/note/{note}", (CartAfterRename cart, string note) =>
            {
                cart.Note = note;
                return cart.Lines;
            });
        });

    /// <summary>The record the store holds for the session of <paramref name="cookie"/>, read past the engine.</summary>
    public async Task<SessionRecord> StoredRecordAsync(string cookie)
    {
        var store = _app.Services.GetRequiredService<ISessionRecordStore>();
        var loaded = await store.LoadAsync(SessionKeys.ToRecordId(cookie.Split('=', 2)[1]));
        return loaded.Record ?? throw new InvalidOperationException("The store holds no record for the cookie.");
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? cookie)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Sends a request that must succeed and answers its body as a list of strings.</summary>
    public async Task<List<string>> LinesAsync(HttpMethod method, string path, string cookie)
    {
        using var response = await SendAsync(method, path, cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<string>>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<CartDeployApp> StartAsync(Action<TypedSessionsBuilder> addStore, Action<WebApplication> mapEndpoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        addStore(builder.Services.AddTypedSessions());

        var app = builder.Build();
        app.UseTypedSessions();
        mapEndpoints(app);
        await app.StartAsync();
        return new CartDeployApp(app);
    }
}
