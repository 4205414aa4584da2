using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// A minimal app on a real Kestrel server on 127.0.0.1 (a free port), with the real <c>AddTypedSessions()</c> and
/// <c>UseTypedSessions()</c>, a store and endpoints of the caller's choosing. Unlike <see cref="SessionTestApp"/> on
/// TestServer, its responses go through sockets and HTTP/1.1 framing, so <see cref="RawHttpConnection"/> can check the
/// bytes a failure leaves on a keep-alive connection. Logging goes nowhere unless the caller passes a provider (such as
/// <c>FakeLoggerProvider</c>), which then receives everything from Debug up.
/// </summary>
public sealed class KestrelTestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelTestApp(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c></summary>
    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    public IServiceProvider Services => _app.Services;

    /// <param name="addStore">Registers the store, e.g. <c>sessions => sessions.AddRedisStore(configuration)</c>.</param>
    /// <param name="map">Maps the endpoints; runs after <c>UseTypedSessions()</c>.</param>
    /// <param name="logger">Receives the app's log entries; none are kept when null.</param>
    /// <param name="configureSessions">Session options (lifetime, store timeout, …).</param>
    /// <param name="configureServices">Further services.</param>
    public static async Task<KestrelTestApp> StartAsync(
        Action<TypedSessionsBuilder> addStore,
        Action<WebApplication> map,
        ILoggerProvider? logger = null,
        Action<TypedSessionsOptions>? configureSessions = null,
        Action<IServiceCollection>? configureServices = null)
    {
        // Production: an unhandled exception gets Kestrel's own 500 (or an aborted connection), not the developer page.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        if (logger is not null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(logger);
        }

        // A request stuck on a paused store must not hold up disposal for the default 30 s.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));
        configureServices?.Invoke(builder.Services);
        addStore(builder.Services.AddTypedSessions(configureSessions));

        var app = builder.Build();
        app.UseTypedSessions();
        map(app);
        await app.StartAsync();
        try
        {
            // With port 0 the server reports the port it bound once started.
            var address = app.Urls.Single();
            return new KestrelTestApp(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a keep-alive connection to the app.</summary>
    public Task<RawHttpConnection> ConnectAsync(TimeSpan? readTimeout = null) => RawHttpConnection.ConnectAsync(Port, readTimeout);

    /// <summary>An HttpClient on <see cref="BaseAddress"/> without cookie handling, for requests whose wire format does not matter.</summary>
    public HttpClient CreateClient() =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
