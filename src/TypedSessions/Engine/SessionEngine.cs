using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSessions.Serialization;
using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>
/// Turns session keys into store calls: hashes keys into record ids, draws fresh keys on create, and reads corrupted
/// records as missing. One instance serves the whole app.
/// </summary>
internal sealed class SessionEngine
{
    // A collision among 36^32 keys means a broken random source; stop rather than loop.
    private const int MaxCreateAttempts = 10;

    public SessionEngine(ISessionRecordStore store, IOptions<TypedSessionsOptions> options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        Store = store;
        Options = options.Value;
        Time = time;
        Logger = loggerFactory.CreateLogger("TypedSessions.Session");
        SecurityLogger = loggerFactory.CreateLogger("TypedSessions.Security");
        JsonResolverDefaults.EnsureTypeInfoResolver(Options.JsonSerializerOptions);
    }

    public ISessionRecordStore Store { get; }

    public TypedSessionsOptions Options { get; }

    public TimeProvider Time { get; }

    public JsonSerializerOptions Json => Options.JsonSerializerOptions;

    public ILogger Logger { get; }

    public ILogger SecurityLogger { get; }

    /// <summary>Opens an unloaded session for a cookie value; a malformed value is dropped here, unseen by the store.</summary>
    public Session CreateUnloaded(string? cookieValue)
    {
        if (cookieValue is not null && !SessionKeys.IsWellFormed(cookieValue))
        {
            Log.MalformedSessionCookie(Logger);
            cookieValue = null;
        }

        return new Session(this, cookieValue);
    }

    /// <summary>Loads a session's values, or <see langword="null"/> when the key names no live, readable record.</summary>
    public async ValueTask<Dictionary<string, string>?> LoadAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var record = await Store.LoadAsync(SessionKeys.ToRecordId(key), cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                Log.SessionNotFound(Logger);
                return null;
            }

            return new Dictionary<string, string>(record.Values, StringComparer.Ordinal);
        }
        catch (SessionDataCorruptedException exception)
        {
            Log.SessionDataCorrupted(SecurityLogger, exception);
            return null;
        }
    }

    /// <summary>Writes a new record under a fresh key and returns the key.</summary>
    public async ValueTask<string> CreateAsync(IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var record = new SessionRecord(values, expiresAt);
        for (var attempt = 0; attempt < MaxCreateAttempts; attempt++)
        {
            var key = SessionKeys.NewKey();
            if (await Store.TryCreateAsync(SessionKeys.ToRecordId(key), record, cancellationToken).ConfigureAwait(false))
            {
                Log.SessionCreated(Logger);
                return key;
            }

            Log.SessionKeyCollision(Logger);
        }

        throw new InvalidOperationException($"No free session key was found in {MaxCreateAttempts} attempts; the store reports every new key as taken.");
    }

    public async ValueTask<bool> UpdateAsync(string key, SessionRecordUpdate update, CancellationToken cancellationToken)
    {
        var updated = await Store.TryUpdateAsync(SessionKeys.ToRecordId(key), update, cancellationToken).ConfigureAwait(false);
        if (updated)
        {
            Log.SessionSaved(Logger, update.Changed.Count, update.Removed.Count);
        }

        return updated;
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
        => Store.DeleteAsync(SessionKeys.ToRecordId(key), cancellationToken);

    public ValueTask<bool> ExistsAsync(string key, CancellationToken cancellationToken)
        => SessionKeys.IsWellFormed(key) ? Store.ExistsAsync(SessionKeys.ToRecordId(key), cancellationToken) : ValueTask.FromResult(false);
}
