using Microsoft.Extensions.Logging;

namespace TypedSessions.Engine;

/// <summary>Tells every registered <see cref="ISessionEvents"/> what happened, and keeps a throwing handler from failing anyone.</summary>
internal sealed class SessionEventDispatcher(IReadOnlyList<ISessionEvents> handlers, TimeProvider time, ILogger logger)
{
    /// <summary>Whether any handler listens, so that callers can skip work only events need.</summary>
    public bool HasHandlers => handlers.Count > 0;

    public ValueTask RaiseAsync(SessionEventKind kind, string recordId, string? userId, CancellationToken cancellationToken)
        => RaiseAsync(kind, recordId, userId, previousRecordId: null, cancellationToken);

    public async ValueTask RaiseAsync(SessionEventKind kind, string recordId, string? userId, string? previousRecordId, CancellationToken cancellationToken)
    {
        if (handlers.Count == 0)
        {
            return;
        }

        var sessionEvent = new SessionEvent(kind, recordId, time.GetUtcNow()) { UserId = userId, PreviousRecordId = previousRecordId };
        foreach (var handler in handlers)
        {
            try
            {
                await handler.OnSessionEventAsync(sessionEvent, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                Log.SessionEventHandlerFailed(logger, handler.GetType().FullName ?? handler.GetType().Name, kind, exception);
            }
        }
    }
}
