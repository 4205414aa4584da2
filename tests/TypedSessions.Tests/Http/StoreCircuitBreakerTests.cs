using Microsoft.Extensions.Logging.Testing;
using TypedSessions.Engine;

namespace TypedSessions.Tests.Http;

/// <summary>The breaker on its own, with probes the test answers: one outage opens it once and closes it once.</summary>
public sealed class StoreCircuitBreakerTests
{
    // Long enough never to fire in a test: the test decides when a probe fails.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_call_failing_while_the_outage_is_known_starts_no_probe_whose_late_failure_would_reopen_the_breaker_after_recovery()
    {
        var probe = new ControlledProbe();
        var logger = new FakeLogger();
        using var breaker = new StoreCircuitBreaker(probe.ProbeAsync, ProbeTimeout, ProbeInterval, logger);

        // A call fails; the probe it sets off finds the store down.
        var first = breaker.CheckAsync();
        probe.FailHanging();
        Assert.False(await first);
        Assert.True(breaker.IsOpen);

        // A call that was under way when the store froze fails now, while the outage is known.
        var underWay = probe.StartedByCaller(breaker.CheckAsync);

        // The store answers the breaker's background probe, which ends the outage.
        probe.ComeBack();
        await WaitUntilAsync(() => !breaker.IsOpen);

        // Had the failing call started a probe, it would fail only now: a verdict older than the recovery.
        probe.FailHangingStartedByCaller();

        Assert.False(await underWay);
        Assert.False(breaker.IsOpen);
        var entries = logger.Collector.GetSnapshot();
        Assert.Single(entries, entry => entry.Id.Name == "StoreUnavailable");
        Assert.Single(entries, entry => entry.Id.Name == "StoreRecovered");
    }

    [Fact]
    public async Task Callers_share_the_probe_in_flight_and_its_verdict_opens_the_breaker_once()
    {
        var probe = new ControlledProbe();
        var logger = new FakeLogger();
        using var breaker = new StoreCircuitBreaker(probe.ProbeAsync, ProbeTimeout, ProbeInterval, logger);

        var checks = Enumerable.Range(0, 3).Select(_ => breaker.CheckAsync()).ToList();
        Assert.Equal(1, probe.Started);
        probe.FailHanging();

        Assert.All(await Task.WhenAll(checks), Assert.False);
        Assert.True(breaker.IsOpen);

        // Known down: answered at once, without a probe (the breaker's background loop probes meanwhile).
        var whileOpen = breaker.CheckAsync();
        Assert.True(whileOpen.IsCompletedSuccessfully);
        Assert.False(await whileOpen);
        Assert.Single(logger.Collector.GetSnapshot(), entry => entry.Id.Name == "StoreUnavailable");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within {WaitLimit.TotalSeconds} s.");
            await Task.Delay(10);
        }
    }
}
