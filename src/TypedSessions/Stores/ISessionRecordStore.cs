namespace TypedSessions.Stores;

/// <summary>
/// Where session records live. The engine hands a store the SHA-256 of the session key as the record id, never the
/// key itself, so the store's contents hold no usable session key.
/// </summary>
/// <remarks>
/// A record's values are the UTF-8 JSON of each session key. Implementations must be safe for concurrent use, must
/// never return an expired record, and must make create-only and update-only writes atomic.
/// </remarks>
public interface ISessionRecordStore
{
    /// <summary>Loads a record, or returns <see langword="null"/> when it is missing or expired.</summary>
    /// <exception cref="SessionDataCorruptedException">The stored data cannot be decoded.</exception>
    ValueTask<SessionRecord?> LoadAsync(string recordId, CancellationToken cancellationToken = default);

    /// <summary>Creates a record only if no live record has this id.</summary>
    /// <returns><see langword="false"/> when the id is taken, so that the engine draws a new key.</returns>
    ValueTask<bool> TryCreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates a record only if it still exists and has not expired, and, when <see cref="SessionRecordUpdate.ExpectedValues"/>
    /// is set, only if the keys it names still hold the values the session loaded. Check and write are one atomic step.
    /// </summary>
    /// <returns>
    /// <see cref="SessionUpdateResult.NotFound"/> when the record is gone (for example deleted by a concurrent sign-out),
    /// <see cref="SessionUpdateResult.Conflict"/> when an expected value differs; nothing is written in either case.
    /// </returns>
    ValueTask<SessionUpdateResult> UpdateAsync(string recordId, SessionRecordUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Deletes a record; deleting a missing record is not an error.</summary>
    ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default);

    /// <summary>Whether a live (unexpired) record has this id.</summary>
    ValueTask<bool> ExistsAsync(string recordId, CancellationToken cancellationToken = default);

    /// <summary>Deletes every expired record (Django's <c>clearsessions</c>).</summary>
    /// <returns>How many records were deleted.</returns>
    ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default);
}
