namespace TypedSessions;

/// <summary>
/// Hears what happens to sessions: created, key cycled, flushed, revoked, expired during a purge. Register handlers with
/// <c>services.AddSingleton&lt;ISessionEvents, T&gt;()</c>; each is called, in registration order, after the store has
/// confirmed the change, on the request (or purge) that made it.
/// </summary>
/// <remarks>
/// Events come from the engine itself, never from store notifications (Redis keyspace events are not used), so every
/// store reports them, and each is reported by the app instance that made the change. A handler that throws is logged
/// and never fails the request. Handlers run inline: keep them quick, and hand slow work to a queue.
/// </remarks>
public interface ISessionEvents
{
    /// <summary>Called once per event.</summary>
    /// <param name="sessionEvent">What happened.</param>
    /// <param name="cancellationToken">Cancelled when the request is aborted or the purge stops.</param>
    ValueTask OnSessionEventAsync(SessionEvent sessionEvent, CancellationToken cancellationToken);
}
