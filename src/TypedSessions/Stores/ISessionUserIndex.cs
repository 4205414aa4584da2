namespace TypedSessions.Stores;

/// <summary>
/// A store that indexes its records by <see cref="SessionRecord.UserId"/>, so that a user's sessions can be listed and
/// revoked ("sign out everywhere"). The memory, SQLite, PostgreSQL and Redis stores implement it, and the cached store
/// when its durable store does; an <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/> or the cookie
/// store cannot, and <see cref="ISessionManager"/> then throws <see cref="NotSupportedException"/>.
/// </summary>
/// <remarks>
/// The index follows every write: a create or an update with <see cref="SessionChanges.UserIdChanged"/> files the record
/// under its user, and a delete or expiry takes it out (a store may prune entries of expired records lazily, as it
/// meets them, as long as it never lists them). Like every store call, these must be safe for concurrent use by
/// several instances of the app.
/// </remarks>
public interface ISessionUserIndex
{
    /// <summary>
    /// Every live record of <paramref name="userId"/>, in no particular order, read from the store a page at a time as
    /// the caller enumerates, so a user with many sessions is never held in memory at once by the store.
    /// </summary>
    IAsyncEnumerable<SessionInfo> ListUserSessionsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a live record, as <see cref="ISessionRecordStore.DeleteAsync"/> does, and says what it deleted.</summary>
    /// <returns>
    /// Whether a live record had the id, with its user; <see cref="SessionRevokeResult.NotFound"/> for an unknown or
    /// expired id, for which nothing is written.
    /// </returns>
    ValueTask<SessionRevokeResult> RevokeAsync(string recordId, CancellationToken cancellationToken = default);
}
