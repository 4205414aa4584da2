using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using TypedSessions.Stores.Tests.EndToEnd;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>
/// Two or three instances of one app (<see cref="MultiInstanceApp"/>) on one store, as a deployment without sticky
/// sessions: each a Kestrel server on 127.0.0.1 (<see cref="KestrelTestApp"/>) with a DI container, store object,
/// connections and log of its own. They share what a real deployment shares: the store, and one Data Protection key ring
/// (a folder, one application name), which cookie sign-in needs to work across instances. Browsers from
/// <see cref="NewBrowser"/> spread their requests over the instances in turn.
/// </summary>
public sealed class AppInstances : IAsyncDisposable
{
    /// <summary>The application name every instance protects data under.</summary>
    public const string ApplicationName = "TypedSessions.MultiInstanceTests";

    private readonly List<KestrelTestApp> _apps = [];
    private readonly List<FakeLogCollector> _logs = [];
    private int _requests = -1;

    private AppInstances(DirectoryInfo keyRing) => KeyRing = keyRing;

    public IReadOnlyList<KestrelTestApp> Instances => _apps;

    /// <summary>Each instance's log, from Debug up.</summary>
    public IReadOnlyList<FakeLogCollector> Logs => _logs;

    /// <summary>The key ring folder the instances share unless a test gives one another.</summary>
    public DirectoryInfo KeyRing { get; }

    public string SessionCookieName => Services(0).GetRequiredService<Microsoft.Extensions.Options.IOptions<TypedSessionsOptions>>().Value.Cookie.Name!;

    /// <param name="count">How many instances.</param>
    /// <param name="addStore">Registers the store on one instance (its index given); every call names the same store.</param>
    /// <param name="configureSessions">Session options, the same on every instance.</param>
    /// <param name="configureServices">Further services of one instance (its index given), after the shared key ring.</param>
    public static async Task<AppInstances> StartAsync(
        int count,
        Action<TypedSessionsBuilder, int> addStore,
        Action<TypedSessionsOptions>? configureSessions = null,
        Action<IServiceCollection, int>? configureServices = null)
    {
        var instances = new AppInstances(Directory.CreateTempSubdirectory("typedsessions-keyring-"));
        try
        {
            for (var index = 0; index < count; index++)
            {
                var instance = index;
                var logs = new FakeLogCollector();
                instances._logs.Add(logs);
                instances._apps.Add(await KestrelTestApp.StartAsync(
                    sessions =>
                    {
                        addStore(sessions, instance);
                        sessions.AddAuthenticationIntegration();
                    },
                    app => MultiInstanceApp.Map(app, instance),
                    new FakeLoggerProvider(logs),
                    options =>
                    {
                        // The rendezvous holds store calls until every request has arrived, which a loaded machine
                        // can stretch past the default 5 s: the test's own deadline decides instead.
                        options.StoreTimeout = TimeSpan.FromSeconds(90);

                        // As behind TLS; it keeps the deploy check's warning out of the logs the tests inspect, and the
                        // test clients send the cookie back over plain HTTP all the same.
                        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                        configureSessions?.Invoke(options);
                    },
                    services =>
                    {
                        services.AddDataProtection().PersistKeysToFileSystem(instances.KeyRing).SetApplicationName(ApplicationName);
                        MultiInstanceApp.AddServices(services);
                        configureServices?.Invoke(services, instance);
                    }));

                if (index == 0)
                {
                    // The first instance makes the key now, before the others start: instances starting together on an
                    // empty folder would each make a key of their own, which a real deployment avoids the same way.
                    instances.Services(0).GetRequiredService<IDataProtectionProvider>().CreateProtector("warm-up").Protect([1]);
                }
            }

            return instances;
        }
        catch
        {
            await instances.DisposeAsync();
            throw;
        }
    }

    public IServiceProvider Services(int instance) => _apps[instance].Services;

    public ISessionManager Manager(int instance) => Services(instance).GetRequiredService<ISessionManager>();

    /// <summary>A browser with a cookie jar of its own, whose requests go to the instances in turn.</summary>
    public InstanceBrowser NewBrowser() => new(this);

    /// <summary>The instance the next unpinned request goes to: one sequence for every browser, as a balancer has.</summary>
    internal int NextInstance() => (int)((uint)Interlocked.Increment(ref _requests) % (uint)_apps.Count);

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        KeyRing.Delete(recursive: true);
    }
}
