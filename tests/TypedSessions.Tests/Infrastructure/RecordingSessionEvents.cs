namespace TypedSessions.Tests.Infrastructure;

/// <summary>Keeps every session event it hears, in order, for a test to read.</summary>
public sealed class RecordingSessionEvents : ISessionEvents
{
    public List<SessionEvent> Events { get; } = [];

    public ValueTask OnSessionEventAsync(SessionEvent sessionEvent, CancellationToken cancellationToken)
    {
        lock (Events)
        {
            Events.Add(sessionEvent);
        }

        return ValueTask.CompletedTask;
    }
}
