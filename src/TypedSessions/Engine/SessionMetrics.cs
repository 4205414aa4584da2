using System.Diagnostics.Metrics;
using TypedSessions.Diagnostics;
using TypedSessions.Merging;

namespace TypedSessions.Engine;

/// <summary>
/// The library's instruments, on the meter <c>TypedSessions</c>: what happened to sessions (loaded, created, saved,
/// touched, deleted, cycled, revoked, expired), how large saved sessions are, and how often saves had to merge with
/// concurrent changes. The store's own instruments (durations, errors, timeouts) are in <see cref="StoreTelemetry"/>;
/// docs/observability.md lists them all.
/// </summary>
/// <remarks>
/// An instrument nobody listens to costs a branch: <see cref="Counter{T}.Add(T)"/> checks for listeners first, and
/// tags are built in a <see cref="System.Diagnostics.TagList"/> on the stack, or not at all.
/// </remarks>
internal sealed class SessionMetrics : IDisposable
{
    /// <summary>The tag that says how a session came to expire: <c>purge</c> or <c>absolute_lifetime</c>.</summary>
    public const string ExpiryReasonTag = "typedsessions.expiry.reason";

    private readonly Meter _meter;
    private readonly Counter<long> _mergeRetries;
    private readonly Counter<long> _mergeConflicts;

    public SessionMetrics(IMeterFactory? meterFactory)
    {
        // Without a factory (a host that never added metrics) the meter is still there for listeners to find.
        _meter = meterFactory?.Create(TypedSessionsTelemetry.MeterName) ?? new Meter(TypedSessionsTelemetry.MeterName);
        _mergeRetries = _meter.CreateCounter<long>(
            "typedsessions.merge.retries",
            unit: "{write}",
            description: "Conditional session writes repeated after merging with a concurrent save.");
        _mergeConflicts = _meter.CreateCounter<long>(
            "typedsessions.merge.conflicts",
            unit: "{value}",
            description: "Values inside a session key that two concurrent saves both changed, by how the merge settled them.");
        Loaded = Sessions("loaded", "Sessions loaded from the store: a request's cookie named a live session.");
        Created = Sessions("created", "Sessions first saved under a new key.");
        Saved = Sessions("saved", "Session data written to the store: every create and every update, a cycled session's new record included.");
        Touched = Sessions("touched", "Unchanged sessions whose expiry was moved without rewriting their data (SaveEveryRequest, sliding refresh).");
        Deleted = Sessions("deleted", "Sessions deleted by a flush, as on sign-out.");
        Cycled = Sessions("cycled", "Sessions moved to a new key, as on sign-in.");
        Revoked = Sessions("revoked", "Sessions revoked through ISessionManager, one by one, for a user, or over MaxSessionsPerUser.");
        Expired = Sessions(
            "expired",
            "Expired sessions deleted: by a purge (reason purge), or met on load past AbsoluteLifetime (reason absolute_lifetime).");
        Size = _meter.CreateHistogram<int>(
            "typedsessions.session.size",
            unit: "By",
            description: "Size of each session written with data, as one UTF-8 JSON object of its keys (the measure of MaxSessionSize).",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [256, 1024, 4096, 16384, 65536, 262144, 1048576] });
        StoreDuration = _meter.CreateHistogram<double>(
            "typedsessions.store.operation.duration",
            unit: "s",
            description: "Duration of the calls the engine makes to the session store.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        StoreErrors = _meter.CreateCounter<long>(
            "typedsessions.store.errors",
            unit: "{error}",
            description: "Store calls that failed (timeouts excepted), by error.type; circuit_open counts calls not made while the store is known to be down.");
        StoreTimeouts = _meter.CreateCounter<long>(
            "typedsessions.store.timeouts",
            unit: "{timeout}",
            description: "Store calls that did not answer within StoreTimeout.");
    }

    public Counter<long> Loaded { get; }

    public Counter<long> Created { get; }

    public Counter<long> Saved { get; }

    public Counter<long> Touched { get; }

    public Counter<long> Deleted { get; }

    public Counter<long> Cycled { get; }

    public Counter<long> Revoked { get; }

    public Counter<long> Expired { get; }

    public Histogram<int> Size { get; }

    public Histogram<double> StoreDuration { get; }

    public Counter<long> StoreErrors { get; }

    public Counter<long> StoreTimeouts { get; }

    /// <summary>Sessions that expired, as <paramref name="reason"/> found them.</summary>
    public void SessionsExpired(int count, string reason)
    {
        if (count > 0)
        {
            Expired.Add(count, new KeyValuePair<string, object?>(ExpiryReasonTag, reason));
        }
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

    private Counter<long> Sessions(string what, string description)
        => _meter.CreateCounter<long>("typedsessions.session." + what, unit: "{session}", description: description);
}
