using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>
/// Where a session's data lives, seen from the engine: a server-side store reached through hashed record ids, or the
/// cookie itself. The key is what the cookie carries.
/// </summary>
internal interface ISessionBackend
{
    /// <summary>Whether a cookie value could be a key this backend issued; anything else is never looked up.</summary>
    bool IsWellFormed(string key);

    /// <summary>The session's values, or <see langword="null"/> when the key names no live, readable session.</summary>
    ValueTask<IReadOnlyDictionary<string, string>?> LoadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Saves a new session and returns its key.</summary>
    ValueTask<string> CreateAsync(IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Saves an existing session; the key may change (a cookie backend re-encodes the data).</summary>
    ValueTask<SessionBackendUpdate> UpdateAsync(string key, SessionRecordUpdate update, CancellationToken cancellationToken);

    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);

    ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="ISessionBackend.UpdateAsync"/> and the key the session has afterwards.</summary>
internal readonly record struct SessionBackendUpdate(SessionUpdateResult Result, string Key);
