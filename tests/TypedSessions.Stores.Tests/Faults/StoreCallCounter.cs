using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TypedSessions.Diagnostics;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>
/// Counts one app's store calls from its <c>TypedSessions</c> meter: evidence of what a request did with the store that
/// does not depend on how fast a loaded machine runs it. Only the app's own meter (its <see cref="IMeterFactory"/>) is
/// listened to, so other apps in the test run never add to the counts. The engine records each measurement before it
/// answers the request, so once a response has arrived, its calls are counted.
/// </summary>
internal sealed class StoreCallCounter : IDisposable
{
    private readonly MetricCollector<double> _durations;
    private readonly MetricCollector<long> _errors;
    private readonly MetricCollector<long> _timeouts;

    public StoreCallCounter(IServiceProvider services)
    {
        var meters = services.GetRequiredService<IMeterFactory>();
        _durations = new MetricCollector<double>(meters, TypedSessionsTelemetry.MeterName, "typedsessions.store.operation.duration");
        _errors = new MetricCollector<long>(meters, TypedSessionsTelemetry.MeterName, "typedsessions.store.errors");
        _timeouts = new MetricCollector<long>(meters, TypedSessionsTelemetry.MeterName, "typedsessions.store.timeouts");
    }

    /// <summary>The counts so far.</summary>
    public StoreCallCounts Snapshot() => new(
        // Every call the engine makes is timed when it ends (answered or failed); a refused call is never started.
        Made: _durations.GetMeasurementSnapshot().Count,
        Refused: _errors.GetMeasurementSnapshot()
            .Where(measurement => measurement.Tags.TryGetValue(StoreTelemetry.ErrorTypeTag, out var errorType) && errorType is StoreTelemetry.CircuitOpen)
            .Sum(measurement => measurement.Value),
        TimedOut: _timeouts.GetMeasurementSnapshot().Sum(measurement => measurement.Value));

    public void Dispose()
    {
        _durations.Dispose();
        _errors.Dispose();
        _timeouts.Dispose();
    }
}
