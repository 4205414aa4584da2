using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace TypedSessions.Stores.Tests.Observability;

/// <summary>
/// <c>AddHealthChecks().AddTypedSessionsStore()</c> against a real store: Healthy while it answers; Unhealthy, within
/// the check's timeout and with a description that names the store and no secret, when it does not.
/// </summary>
public abstract class StoreHealthCheckTests
{
    protected static readonly TimeSpan CheckTimeout = TimeSpan.FromMilliseconds(500);

    // A healthy check opens the store's first connection, which on a loaded machine can take longer than CheckTimeout
    // (Npgsql also reads the server's types then); what it proves is the answer, not its speed.
    private static readonly TimeSpan HealthyCheckTimeout = TimeSpan.FromSeconds(30);

    // A failure is reported within the timeout plus what a loaded machine adds; a check that waited for the client's own
    // timeouts (15 s and more) fails this.
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(3);

    protected abstract string StoreName { get; }

    /// <summary>What the description must never show: connection details that may carry credentials.</summary>
    protected abstract string Secret { get; }

    protected abstract void AddStore(TypedSessionsBuilder sessions);

    private async Task<(HealthReportEntry Entry, TimeSpan Elapsed)> CheckAsync(TimeSpan timeout)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<TimeProvider>(TestClock.New());
        AddStore(services.AddTypedSessions(options => options.PurgeInterval = null));
        services.AddHealthChecks().AddTypedSessionsStore(timeout: timeout);
        await using var provider = services.BuildServiceProvider();
        var started = Stopwatch.GetTimestamp();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (Assert.Single(report.Entries, entry => entry.Key == "typedsessions_store").Value, elapsed);
    }

    protected async Task AssertHealthyAsync()
    {
        var (entry, _) = await CheckAsync(HealthyCheckTimeout);

        Assert.True(entry.Status == HealthStatus.Healthy, $"{entry.Status}: {entry.Description}");
        Assert.StartsWith($"The session store ({StoreName}) answered in ", entry.Description, StringComparison.Ordinal);
        Assert.Equal(StoreName, entry.Data["typedsessions.store"]);
    }

    protected async Task<HealthReportEntry> AssertUnhealthyQuicklyAsync()
    {
        var (entry, elapsed) = await CheckAsync(CheckTimeout);

        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith($"The session store ({StoreName}) ", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, entry.Description, StringComparison.OrdinalIgnoreCase);
        Assert.InRange(elapsed, TimeSpan.Zero, Quickly);
        return entry;
    }
}
