using System.Diagnostics.Metrics;
using TypedSessions.Merging;

namespace TypedSessions.Engine;

/// <summary>
/// The library's instruments, on the meter <c>TypedSessions</c>: how often saves had to merge with concurrent changes,
/// and what the merges did with values both sides changed.
/// </summary>
internal sealed class SessionMetrics : IDisposable
{
    /// <summary>The meter's name, for <c>AddMeter</c> in OpenTelemetry or <c>dotnet-counters</c>.</summary>
    public const string MeterName = "TypedSessions";

    private readonly Meter _meter;
    private readonly Counter<long> _mergeRetries;
    private readonly Counter<long> _mergeConflicts;

    public SessionMetrics(IMeterFactory? meterFactory)
    {
        // Without a factory (a host that never added metrics) the meter is still there for listeners to find.
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _mergeRetries = _meter.CreateCounter<long>(
            "typedsessions.merge.retries",
            unit: "{write}",
            description: "Conditional session writes repeated after merging with a concurrent save.");
        _mergeConflicts = _meter.CreateCounter<long>(
            "typedsessions.merge.conflicts",
            unit: "{value}",
            description: "Values inside a session key that two concurrent saves both changed, by how the merge settled them.");
    }

    /// <summary>One more conditional write after a merge.</summary>
    public void MergeRetried() => _mergeRetries.Add(1);

    /// <summary>A value both saves changed, settled as <paramref name="resolution"/>.</summary>
    public void ConflictSettled(JsonConflictResolution resolution)
        => _mergeConflicts.Add(1, new KeyValuePair<string, object?>("typedsessions.conflict.resolution", resolution switch
        {
            JsonConflictResolution.OursKept => "last_writer_wins",
            JsonConflictResolution.Summed => "sum",
            _ => "reject",
        }));

    public void Dispose() => _meter.Dispose();
}
