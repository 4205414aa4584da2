namespace TypedSessions.Stores;

/// <summary>
/// The cheapest round trip that shows a store answers, for the health check of <c>AddTypedSessionsStore()</c>: a
/// Redis <c>PING</c>, a SQL <c>SELECT 1</c>. A store without it is checked by loading a record id no session has.
/// </summary>
public interface ISessionStoreHealthProbe
{
    /// <summary>Makes the round trip; throws when the store does not answer.</summary>
    /// <param name="cancellationToken">Cancelled when the health check's timeout passes; pass it on to the client.</param>
    ValueTask PingAsync(CancellationToken cancellationToken);
}
