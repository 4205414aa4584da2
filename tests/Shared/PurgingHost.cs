using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace TypedSessions.Testing;

/// <summary>
/// One instance of an app: a generic host with a DI container of its own, TypedSessions over the store
/// <c>addStore</c> registers, its hosted services started (the purge among them), a clock the test drives (share one
/// between instances to make them purge at the same moment) and a log collector of its own.
/// </summary>
internal sealed class PurgingHost : IAsyncDisposable
{
    public const int PurgedEventId = 40;

    public const int PurgeFailedEventId = 41;

    private readonly IHost _host;

    private PurgingHost(IHost host, FakeLogCollector logs)
    {
        _host = host;
        Logs = logs;
    }

    public FakeLogCollector Logs { get; }

    public IServiceProvider Services => _host.Services;

    public ISessionManager Manager => _host.Services.GetRequiredService<ISessionManager>();

    /// <summary>The purges this instance has finished, in order: how many sessions each removed, or null for one that failed.</summary>
    public IReadOnlyList<int?> Purges => [.. Logs.GetSnapshot()
        .Where(static record => record.Id.Id is PurgedEventId or PurgeFailedEventId)
        .Select(static record => record.Id.Id == PurgedEventId ? int.Parse(record.GetStructuredStateValue("Count")!) : (int?)null)];

    /// <summary>Log records at Warning or above: what an operator would be alerted to.</summary>
    public IReadOnlyList<FakeLogRecord> Problems => [.. Logs.GetSnapshot().Where(static record => record.Level >= LogLevel.Warning)];

    public static async Task<PurgingHost> StartAsync(TimeProvider time, Action<TypedSessionsBuilder> addStore, Action<TypedSessionsOptions>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        var logs = new FakeLogCollector();
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs));
        builder.Services.AddSingleton(time);
        addStore(builder.Services.AddTypedSessions(configure));
        var host = builder.Build();
        await host.StartAsync();
        return new PurgingHost(host, logs);
    }

    /// <summary>Waits until this instance has finished <paramref name="count"/> purges (they run off the clock's thread) and returns them.</summary>
    public async Task<IReadOnlyList<int?>> WaitForPurgesAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (Purges.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} purges, saw {Purges.Count} within {timeout ?? TimeSpan.FromSeconds(15)}.");
            }

            await Task.Delay(10);
        }

        return Purges;
    }

    /// <summary>Creates a session through this instance that expires <paramref name="expiry"/> from now, and returns its key.</summary>
    public async Task<string> CreateSessionAsync(TimeSpan? expiry = null)
    {
        var session = await Manager.OpenAsync(null);
        session.Set("seeded", true);
        if (expiry is { } age)
        {
            session.SetExpiry(age);
        }

        await session.SaveAsync();
        return session.Key!;
    }

    public Task StopAsync(CancellationToken cancellationToken = default) => _host.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
