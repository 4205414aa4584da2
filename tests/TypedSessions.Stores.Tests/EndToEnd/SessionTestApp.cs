using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedSessions.Engine;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// A minimal app on <see cref="TestServer"/> with the real middleware and a store of the caller's choosing, and a
/// client that carries the session cookie by hand.
/// </summary>
public sealed class SessionTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SessionTestApp(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="addStore">Registers the store.</param>
    /// <param name="configureServices">Registers or configures other services.</param>
    /// <param name="mapEndpoints">Maps endpoints of a test's own besides the common ones.</param>
    public static async Task<SessionTestApp> StartAsync(
        Action<TypedSessionsBuilder> addStore, Action<IServiceCollection>? configureServices = null, Action<WebApplication>? mapEndpoints = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        configureServices?.Invoke(builder.Services);
        addStore(builder.Services.AddTypedSessions());

        var app = builder.Build();
        app.UseTypedSessions();
        app.MapGet("/ping", () => "pong");
        app.MapGet("/get/{name}", async (HttpContext context, string name) => (await context.GetSessionAsync()).Get<int>(name));
        // Cast: a lambda taking only HttpContext would bind as a RequestDelegate and its result would be dropped.
        app.MapGet("/keys", (Delegate)(async (HttpContext context) => (await context.GetSessionAsync()).Keys.Order(StringComparer.Ordinal).ToArray()));
        app.MapPost("/set/{name}/{value:int}", async (HttpContext context, string name, int value) => (await context.GetSessionAsync()).Set(name, value));
        app.MapPost("/add/{name}/{item}", async (HttpContext context, string name, string item) =>
        {
            var session = await context.GetSessionAsync();
            var items = session.Get<List<string>>(name) ?? [];
            items.Add(item);
            session.Set(name, items);
        });
        app.MapPost("/seed-lines/{name}/{count:int}", async (HttpContext context, string name, int count) =>
            (await context.GetSessionAsync()).Set(name, Enumerable.Range(0, count).Select(id => new CountedLine { Id = id }).ToList()));
        app.MapPost("/bump/{name}/{id:int}", async (HttpContext context, string name, int id) =>
            (await context.GetSessionAsync()).Get<List<CountedLine>>(name)!.Single(line => line.Id == id).Count++);
        app.MapGet("/lines/{name}", async Task<List<CountedLine>> (HttpContext context, string name) => (await context.GetSessionAsync()).Get<List<CountedLine>>(name) ?? []);
        app.MapGet("/items/{name}", async Task<List<string>> (HttpContext context, string name) => (await context.GetSessionAsync()).Get<List<string>>(name) ?? []);
        app.MapPost("/increment/{name}", async (HttpContext context, string name) =>
        {
            var session = await context.GetSessionAsync();
            session.Set(name, session.Get<int>(name) + 1);
        });
        app.MapPost("/counters/{policy}", (Counters counters, string policy) => policy switch
        {
            "last-writer-wins" => ++counters.LastWriterWins,
            "reject" => ++counters.Reject,
            "sum" => ++counters.Sum,
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "No such counter."),
        });
        app.MapPost("/counters/lines/{id:int}", (Counters counters, int id) =>
        {
            if (counters.Lines.Find(line => line.Id == id) is { } line)
            {
                line.Count++;
            }
            else
            {
                counters.Lines.Add(new CountedLine { Id = id, Count = 1 });
            }
        });
        app.MapGet("/counters/lines", (Counters counters) => counters.Lines);
        app.MapGet("/counters", (Counters counters) => new[] { counters.LastWriterWins, counters.Reject, counters.Sum });
        app.MapPost("/set-many/{count:int}/{value:int}", async (HttpContext context, int count, int value) =>
        {
            var session = await context.GetSessionAsync();
            for (var i = 0; i < count; i++)
            {
                session.Set($"many{i}", value);
            }
        });

        mapEndpoints?.Invoke(app);

        await app.StartAsync();
        return new SessionTestApp(app);
    }

    /// <summary>Creates a session holding <paramref name="name"/> and returns its cookie (<c>sessionid=…</c>).</summary>
    public async Task<string> StartSessionAsync(string name = "start", int value = 1)
    {
        using var response = await Client.PostAsync($"/set/{name}/{value}", content: null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return setCookie.Split(';')[0];
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string cookie)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        return await Client.SendAsync(request);
    }

    public async Task<string[]> KeysAsync(string cookie)
    {
        using var response = await SendAsync(HttpMethod.Get, "/keys", cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<string[]>())!;
    }

    /// <summary>The record the store holds for the session of <paramref name="cookie"/>, read past the engine.</summary>
    public async Task<SessionRecord> StoredRecordAsync(string cookie)
    {
        var store = Services.GetRequiredService<ISessionRecordStore>();
        var loaded = await store.LoadAsync(SessionKeys.ToRecordId(cookie.Split('=', 2)[1]));
        return loaded.Record ?? throw new InvalidOperationException("The store holds no record for the cookie.");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
