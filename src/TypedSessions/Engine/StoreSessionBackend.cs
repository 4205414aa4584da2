using Microsoft.Extensions.Logging;
using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>
/// Sessions in an <see cref="ISessionRecordStore"/>: keys are 32 random characters, and the store only ever sees their
/// SHA-256, so its contents hold no usable key.
/// </summary>
internal sealed class StoreSessionBackend(ISessionRecordStore store, ILoggerFactory loggerFactory) : ISessionBackend
{
    // A collision among 36^32 keys means a broken random source; stop rather than loop.
    private const int MaxCreateAttempts = 10;

    private readonly ILogger _logger = loggerFactory.CreateLogger("TypedSessions.Session");
    private readonly ILogger _securityLogger = loggerFactory.CreateLogger("TypedSessions.Security");

    public ISessionRecordStore Store => store;

    public bool IsWellFormed(string key) => SessionKeys.IsWellFormed(key);

    public async ValueTask<IReadOnlyDictionary<string, string>?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var record = await store.LoadAsync(SessionKeys.ToRecordId(key), cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                Log.SessionNotFound(_logger);
            }

            return record?.Values;
        }
        catch (SessionDataCorruptedException exception)
        {
            Log.SessionDataCorrupted(_securityLogger, exception);
            return null;
        }
    }

    public async ValueTask<string> CreateAsync(IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var record = new SessionRecord(values, expiresAt);
        for (var attempt = 0; attempt < MaxCreateAttempts; attempt++)
        {
            var key = SessionKeys.NewKey();
            if (await store.TryCreateAsync(SessionKeys.ToRecordId(key), record, cancellationToken).ConfigureAwait(false))
            {
                Log.SessionCreated(_logger);
                return key;
            }

            Log.SessionKeyCollision(_logger);
        }

        throw new InvalidOperationException($"No free session key was found in {MaxCreateAttempts} attempts; the store reports every new key as taken.");
    }

    public async ValueTask<SessionBackendUpdate> UpdateAsync(string key, SessionRecordUpdate update, CancellationToken cancellationToken)
    {
        var result = await store.UpdateAsync(SessionKeys.ToRecordId(key), update, cancellationToken).ConfigureAwait(false);
        if (result == SessionUpdateResult.Updated)
        {
            Log.SessionSaved(_logger, update.Changed.Count, update.Removed.Count);
        }

        return new SessionBackendUpdate(result, key);
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
        => IsWellFormed(key) ? store.DeleteAsync(SessionKeys.ToRecordId(key), cancellationToken) : ValueTask.CompletedTask;

    public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken)
        => IsWellFormed(key) ? store.ExistsAsync(SessionKeys.ToRecordId(key), cancellationToken) : ValueTask.FromResult(false);

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken) => store.ClearExpiredAsync(cancellationToken);
}
