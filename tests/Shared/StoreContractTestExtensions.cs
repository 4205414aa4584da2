using TypedSessions.Stores;

namespace TypedSessions.Testing;

/// <summary>
/// Shorthands over <see cref="ISessionRecordStore"/> for tests that check what a store holds: a record or nothing,
/// with unreadable data surfacing as <see cref="SessionDataCorruptedException"/> so that a test cannot mistake it for
/// "not found".
/// </summary>
internal static class StoreContractTestExtensions
{
    public static async Task<SessionRecord?> LoadRecordAsync(this ISessionRecordStore store, string recordId, CancellationToken cancellationToken = default)
    {
        var loaded = await store.LoadAsync(recordId, cancellationToken);
        return loaded.IsUnreadable ? throw new SessionDataCorruptedException(loaded.Problem!, loaded.Exception) : loaded.Record;
    }

    public static async Task<bool> ExistsAsync(this ISessionRecordStore store, string recordId)
        => (await store.LoadAsync(recordId)).IsFound;

    /// <summary>Creates a record; <see langword="false"/> when the id is taken, and any other result fails the test.</summary>
    public static async Task<bool> TryCreateAsync(this ISessionRecordStore store, string recordId, SessionRecord record, CancellationToken cancellationToken = default)
        => await store.CreateAsync(recordId, record, cancellationToken) switch
        {
            SessionWriteResult.Written => true,
            SessionWriteResult.IdTaken => false,
            var other => throw new InvalidOperationException($"CreateAsync returned {other}, which a create never should."),
        };
}
