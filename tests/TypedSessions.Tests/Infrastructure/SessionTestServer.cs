using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores;

namespace TypedSessions.Tests.Infrastructure;

/// <summary>
/// A minimal app on TestServer with TypedSessions over a recording memory store and a fake clock. Cookies are sent and
/// read by hand, so every test sees the exact headers.
/// </summary>
public sealed class SessionTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SessionTestServer(WebApplication app, FakeTimeProvider time, FakeLogCollector logs)
    {
        _app = app;
        Time = time;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public FakeTimeProvider Time { get; }

    public FakeLogCollector Logs { get; }

    public RecordingStore Store => (RecordingStore)_app.Services.GetRequiredService<ISessionRecordStore>();

    public IServiceProvider Services => _app.Services;

    public ISessionManager Manager => _app.Services.GetRequiredService<ISessionManager>();

    public static async Task<SessionTestServer> StartAsync(
        Action<WebApplication> map,
        Action<TypedSessionsOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        bool useMiddleware = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        var time = new FakeTimeProvider(SessionServices.Start);
        var logs = new FakeLogCollector();
        // The sample's appsettings.json sits in the output folder; its levels must not hide Debug events from the tests.
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs))
            .AddFilter<FakeLoggerProvider>(category: null, LogLevel.Debug);
        builder.Services.AddSingleton<TimeProvider>(time);
        // Tests here assert a request's exact store calls while moving the clock by days: no purge may slip in between.
        builder.Services.AddTypedSessions(options =>
            {
                options.PurgeInterval = null;
                configure?.Invoke(options);
            })
            .UseStore(provider => new RecordingStore(new MemorySessionRecordStore(provider.GetRequiredService<TimeProvider>())));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (useMiddleware)
        {
            app.UseTypedSessions();
        }

        map(app);
        await app.StartAsync();
        return new SessionTestServer(app, time, logs);
    }

    /// <summary>Saves a session with <paramref name="arrange"/> outside any request and returns its key; the store's call log starts empty.</summary>
    public async Task<string> SeedSessionAsync(Action<Session>? arrange = null)
    {
        var session = await Manager.OpenAsync(null);
        session.Set("seeded", true);
        arrange?.Invoke(session);
        await session.SaveAsync();
        Store.Reset();
        return session.Key!;
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? cookie = null) => SendAsync(HttpMethod.Get, path, cookie);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
