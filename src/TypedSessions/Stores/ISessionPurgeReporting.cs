namespace TypedSessions.Stores;

/// <summary>
/// A store whose purge can say which records it deleted, so that <see cref="ISessionEvents"/> hear of each expired
/// session (<see cref="SessionEventKind.Expired"/>). Stores that cannot (Redis evicts records itself, and its purge sees
/// only those of users it indexes) report what they can; the others report nothing.
/// </summary>
public interface ISessionPurgeReporting
{
    /// <summary>
    /// Deletes every expired record, as <see cref="ISessionRecordStore.ClearExpiredAsync"/> does, and calls
    /// <paramref name="onExpired"/> once for each record this call deleted, after it is deleted.
    /// </summary>
    /// <returns>How many records this call deleted.</returns>
    ValueTask<int> ClearExpiredAsync(Func<ExpiredSession, ValueTask> onExpired, CancellationToken cancellationToken = default);
}
