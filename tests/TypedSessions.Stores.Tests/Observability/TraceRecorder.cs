using System.Collections.Concurrent;
using System.Diagnostics;

namespace TypedSessions.Stores.Tests.Observability;

/// <summary>
/// Starts a trace of the test's own and records the <c>TypedSessions</c> spans in it: listeners are process-wide, and
/// the trace id keeps other tests' spans out.
/// </summary>
public sealed class TraceRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly Activity _root;
    private readonly ConcurrentQueue<Activity> _spans = new();

    public TraceRecorder()
    {
        _root = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var traceId = _root.TraceId;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == TypedSessionsTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Spans => [.. _spans];

    public void Dispose()
    {
        _root.Stop();
        _listener.Dispose();
    }
}
