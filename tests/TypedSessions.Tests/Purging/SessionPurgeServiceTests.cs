using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Purging;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Purging;

/// <summary>The hosted purge of expired sessions, on one instance of the app over the memory store, driven by a fake clock.</summary>
public sealed class SessionPurgeServiceTests
{
    // As often as the memory store would sweep on its own, so that it leaves the expired sessions to the purge.
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan ShortExpiry = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(SessionServices.Start);

    [Fact]
    public async Task Each_interval_removes_the_expired_sessions_keeps_the_live_ones_and_logs_how_many_at_information()
    {
        await using var host = await StartMemoryAsync(options => options.PurgeInterval = Interval);
        await SeedAsync(host, count: 3, ShortExpiry);
        var live = await SeedAsync(host, count: 2, expiry: null);
        var store = host.Services.GetRequiredService<MemorySessionRecordStore>();

        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal(5, store.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([3], await host.WaitForPurgesAsync(1));
        Assert.Equal(2, store.Count);
        foreach (var key in live)
        {
            Assert.True(await host.Manager.ExistsAsync(key));
        }

        var logged = Assert.Single(host.Logs.GetSnapshot(), record => record.Id.Id == PurgingHost.PurgedEventId);
        Assert.Equal(LogLevel.Information, logged.Level);
        Assert.Equal("TypedSessions.Purge", logged.Category);
        Assert.Equal("Removed 3 expired sessions from the store.", logged.Message);
        Assert.Empty(host.Problems);

        await SeedAsync(host, count: 4, ShortExpiry);
        _time.Advance(Interval);
        Assert.Equal([3, 4], await host.WaitForPurgesAsync(2));
    }

    [Fact]
    public async Task A_purge_that_removes_nothing_logs_at_debug()
    {
        await using var host = await StartMemoryAsync(options => options.PurgeInterval = Interval);
        await SeedAsync(host, count: 1, expiry: null);

        _time.Advance(Interval);

        Assert.Equal([0], await host.WaitForPurgesAsync(1));
        Assert.Equal(LogLevel.Debug, Assert.Single(host.Logs.GetSnapshot(), record => record.Id.Id == PurgingHost.PurgedEventId).Level);
    }

    [Fact]
    public async Task A_failing_store_logs_a_warning_keeps_the_host_running_and_the_next_interval_purges()
    {
        var store = new FaultyStore(_time);
        await using var host = await PurgingHost.StartAsync(
            _time, sessions => sessions.UseStore(_ => store), options => options.PurgeInterval = Interval);
        await SeedAsync(host, count: 2, ShortExpiry);

        store.Failure = new InvalidOperationException("The store is down.");
        _time.Advance(Interval);
        Assert.Equal([null], await host.WaitForPurgesAsync(1));

        var warning = Assert.Single(host.Problems);
        Assert.Equal(PurgingHost.PurgeFailedEventId, warning.Id.Id);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("The store is down.", warning.Exception?.Message);
        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.False(PurgeService(host).ExecuteTask!.IsCompleted);

        store.Failure = null;
        _time.Advance(Interval);
        Assert.Equal([null, 2], await host.WaitForPurgesAsync(2));
    }

    [Fact]
    public async Task Shutdown_stops_a_purge_whose_store_ignores_cancellation_at_once()
    {
        var store = new FaultyStore(_time);
        var hang = new TaskCompletionSource();
        await using var host = await PurgingHost.StartAsync(
            _time, sessions => sessions.UseStore(_ => store), options => options.PurgeInterval = Interval);
        store.ClearExpiredHang = hang.Task;

        _time.Advance(Interval);
        await WaitUntilAsync(() => store.Calls == 1);
        var stopping = Stopwatch.StartNew();
        await host.StopAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(2), $"Stopping took {stopping.Elapsed}.");
        Assert.True(PurgeService(host).ExecuteTask!.IsCompleted);
        Assert.Empty(host.Problems);
        hang.SetResult();
    }

    [Fact]
    public async Task Shutdown_between_purges_is_immediate()
    {
        await using var host = await StartMemoryAsync(options => options.PurgeInterval = Interval);

        var stopping = Stopwatch.StartNew();
        await host.StopAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(2), $"Stopping took {stopping.Elapsed}.");
        Assert.True(PurgeService(host).ExecuteTask!.IsCompleted);
    }

    [Fact]
    public async Task A_null_interval_runs_no_purge()
    {
        var store = new FaultyStore(_time);
        await using var host = await PurgingHost.StartAsync(
            _time, sessions => sessions.UseStore(_ => store), options => options.PurgeInterval = null);

        await PurgeService(host).ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, store.Calls);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), record => record.Id.Id is >= 40 and <= 49);
    }

    [Fact]
    public async Task The_purge_is_on_by_default_every_hour()
    {
        var store = new FaultyStore(_time);
        await using var host = await PurgingHost.StartAsync(_time, sessions => sessions.UseStore(_ => store));
        await SeedAsync(host, count: 1, ShortExpiry);

        Assert.Equal(TimeSpan.FromHours(1), TypedSessionsOptions.DefaultPurgeInterval);
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(PurgeService(host).ExecuteTask!.IsCompleted);
        Assert.Empty(host.Purges);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([1], await host.WaitForPurgesAsync(1));
        Assert.Contains(host.Logs.GetSnapshot(), record => record.Id.Id == 42 && record.Message == "Expired sessions are removed from the store every 01:00:00.");
    }

    [Fact]
    public void AddTypedSessions_registers_the_purge_once()
    {
        var services = new ServiceCollection();
        services.AddTypedSessions();
        services.AddTypedSessions().AddMemoryStore();

        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType == typeof(SessionPurgeService));
    }

    private Task<PurgingHost> StartMemoryAsync(Action<TypedSessionsOptions>? configure = null)
        => PurgingHost.StartAsync(_time, sessions => sessions.AddMemoryStore(), configure);

    private static SessionPurgeService PurgeService(PurgingHost host)
        => host.Services.GetServices<IHostedService>().OfType<SessionPurgeService>().Single();

    private static async Task<List<string>> SeedAsync(PurgingHost host, int count, TimeSpan? expiry)
    {
        var keys = new List<string>();
        for (var i = 0; i < count; i++)
        {
            keys.Add(await host.CreateSessionAsync(expiry));
        }

        return keys;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s.");
            await Task.Delay(10);
        }
    }
}
