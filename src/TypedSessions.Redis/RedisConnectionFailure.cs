using StackExchange.Redis;

namespace TypedSessions.Redis;

/// <summary>
/// StackExchange.Redis reports a node that closed its connection (it crashed, or was killed) as a
/// <see cref="RedisConnectionException"/> with no I/O exception inside. The engine tells an outage from a failure of
/// the store's own by an I/O exception in the chain when the store still answers its probe, as the other nodes of a
/// cluster do while one primary is down: without one, a request for a session on that primary would be answered 500
/// instead of 503. The store rethrows such a failure as the I/O failure it is, the original inside.
/// </summary>
internal static class RedisConnectionFailure
{
    public static IOException Of(RedisConnectionException exception) => new($"The connection to Redis failed: {exception.Message}", exception);
}
