using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace TypedSessions.Tests.Observability;

/// <summary>
/// Collects the <c>TypedSessions</c> meter of one app: only its own meter (the host's <see cref="IMeterFactory"/>), so
/// the other tests running in parallel never add to the counts.
/// </summary>
public sealed class SessionInstruments : IDisposable
{
    private static readonly string[] LongInstruments =
    [
        "typedsessions.session.loaded", "typedsessions.session.created", "typedsessions.session.saved", "typedsessions.session.touched",
        "typedsessions.session.deleted", "typedsessions.session.cycled", "typedsessions.session.revoked", "typedsessions.session.expired",
        "typedsessions.store.errors", "typedsessions.store.timeouts",
    ];

    private readonly Dictionary<string, MetricCollector<long>> _counters;

    public SessionInstruments(IServiceProvider services)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _counters = LongInstruments.ToDictionary(name => name, name => new MetricCollector<long>(meters, TypedSessionsTelemetry.MeterName, name));
        Size = new MetricCollector<int>(meters, TypedSessionsTelemetry.MeterName, "typedsessions.session.size");
        StoreDuration = new MetricCollector<double>(meters, TypedSessionsTelemetry.MeterName, "typedsessions.store.operation.duration");
    }

    public MetricCollector<int> Size { get; }

    public MetricCollector<double> StoreDuration { get; }

    public MetricCollector<long> this[string instrument] => _counters[instrument];

    /// <summary>The sum of everything the counter recorded.</summary>
    public long Total(string instrument) => _counters[instrument].GetMeasurementSnapshot().Sum(measurement => measurement.Value);

    /// <summary>Every counter with a non-zero total, by name: what a request did, at a glance.</summary>
    public IReadOnlyDictionary<string, long> Totals()
        => _counters.Keys.Select(name => (name, total: Total(name))).Where(pair => pair.total != 0).ToDictionary(pair => pair.name, pair => pair.total);

    public void Dispose()
    {
        foreach (var collector in _counters.Values)
        {
            collector.Dispose();
        }

        Size.Dispose();
        StoreDuration.Dispose();
    }
}
