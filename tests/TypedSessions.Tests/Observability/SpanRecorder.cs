using System.Collections.Concurrent;
using System.Diagnostics;

namespace TypedSessions.Tests.Observability;

/// <summary>
/// Records the spans of the <c>TypedSessions</c> activity source that belong to one trace: listeners are process-wide,
/// so a test marks its requests with a <c>traceparent</c> of its own and sees only those. ASP.NET Core's request
/// activity is sampled too, so that the server continues that trace.
/// </summary>
public sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _spans = new();

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TypedSessionsTelemetry.ActivitySourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == TypedSessionsTelemetry.ActivitySourceName && activity.TraceId == TraceId)
                {
                    _spans.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivityTraceId TraceId { get; } = ActivityTraceId.CreateRandom();

    /// <summary>The W3C header that puts a request in this recorder's trace.</summary>
    public string TraceParent => $"00-{TraceId}-{ActivitySpanId.CreateRandom()}-01";

    public IReadOnlyList<Activity> Spans => [.. _spans];

    public void Dispose() => _listener.Dispose();
}
