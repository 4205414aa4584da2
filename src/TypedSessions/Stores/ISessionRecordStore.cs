namespace TypedSessions.Stores;

/// <summary>
/// Where session records live: the one storage contract every store implements. The engine hands a store the SHA-256
/// of the session key as the record id, never the key itself, so the store's contents hold no usable session key.
/// </summary>
/// <remarks>
/// <para>
/// A record's values are the UTF-8 JSON of each session key. Implementations must be safe for concurrent use, must
/// never load an expired record, and must make create-only, update-only and touch writes atomic. Outcomes the engine
/// acts on (not found, conflict, id taken, unreadable data) are returned as values; throw only when the store itself
/// fails, or <see cref="ArgumentNullException"/> naming a null argument. After a store failure the engine probes the
/// store with a load: while that fails too, session requests get HTTP 503; when the store answers it, the error was
/// the call's own and the request gets HTTP 500.
/// </para>
/// <para>
/// Every call receives a token that the engine cancels after <see cref="TypedSessionsOptions.StoreTimeout"/>; pass it
/// on to the client so that an abandoned command is cancelled where the client allows it.
/// </para>
/// </remarks>
public interface ISessionRecordStore
{
    /// <summary>Loads a live record with its stored metadata.</summary>
    /// <returns>
    /// <see cref="SessionLoadResult.Found"/>, <see cref="SessionLoadResult.NotFound"/> when the record is missing or
    /// expired, or <see cref="SessionLoadResult.Unreadable"/> when its data cannot be decoded (corruption, tampering, a
    /// newer format).
    /// </returns>
    ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default);

    /// <summary>Creates a record only if no live record has this id.</summary>
    /// <returns><see cref="SessionWriteResult.Written"/>, or <see cref="SessionWriteResult.IdTaken"/> so that the engine draws a new key.</returns>
    ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies <paramref name="changes"/> to a record only if it still exists and has not expired, and, when
    /// <see cref="SessionChanges.ExpectedValues"/> is set, only if the keys it names still hold the values the session
    /// loaded. Check and write are one atomic step.
    /// </summary>
    /// <returns>
    /// <see cref="SessionWriteResult.Written"/>; <see cref="SessionWriteResult.NotFound"/> when the record is gone (for
    /// example deleted by a concurrent sign-out); <see cref="SessionWriteResult.Conflict"/> when an expected value
    /// differs. Nothing is written unless the result is <see cref="SessionWriteResult.Written"/>.
    /// </returns>
    ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default);

    /// <summary>Moves a live record's expiry to <paramref name="expiresAt"/> without rewriting its data.</summary>
    /// <returns><see cref="SessionWriteResult.Written"/>, or <see cref="SessionWriteResult.NotFound"/> when the record is gone or expired.</returns>
    ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes a record; deleting a missing record is not an error.</summary>
    ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every expired record (Django's <c>clearsessions</c>). Several instances of the app may call this at the
    /// same moment: none may fail because of another, and each record is counted only by the call that deleted it.
    /// </summary>
    /// <returns>How many records this call deleted.</returns>
    ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default);
}
