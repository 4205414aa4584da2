using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>What every session of the app shares: options, clock, JSON settings, logger, storage and the committer.</summary>
internal sealed class SessionEngine : IDisposable
{
    private readonly GuardedSessionStore _store;

    private readonly SessionMetrics _metrics;

    public SessionEngine(
        ISessionRecordStore store,
        ISessionKeyScheme keys,
        IOptions<TypedSessionsOptions> options,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        IMeterFactory? meterFactory = null)
    {
        Options = options.Value;
        Time = time;
        Logger = loggerFactory.CreateLogger("TypedSessions.Session");
        _store = new GuardedSessionStore(store, Options.StoreTimeout, loggerFactory.CreateLogger("TypedSessions.Store"));
        StoredDataLog = new StoredDataLog(Logger, loggerFactory.CreateLogger("TypedSessions.Security"), new RepeatedEventLimiter(time));
        Storage = new SessionStorage(keys, _store, Logger, StoredDataLog);
        _metrics = new SessionMetrics(meterFactory);
        Committer = new SessionCommitter(Storage, Options, Logger, _metrics);
    }

    public TypedSessionsOptions Options { get; }

    public TimeProvider Time { get; }

    public JsonSerializerOptions Json => Options.JsonSerializerOptions;

    public ILogger Logger { get; }

    /// <summary>Where problems with stored data are logged, once per record and hour.</summary>
    public StoredDataLog StoredDataLog { get; }

    public SessionStorage Storage { get; }

    public SessionCommitter Committer { get; }

    /// <summary>How long clients are told to wait while the store is down.</summary>
    public TimeSpan RetryAfter => _store.Breaker.RetryAfter;

    /// <summary>Opens an unloaded session for a cookie value; a malformed value is dropped here, unseen by the store.</summary>
    public Session CreateUnloaded(string? cookieValue)
    {
        if (cookieValue is not null && !Storage.Keys.IsWellFormed(cookieValue))
        {
            Log.MalformedSessionCookie(Logger);
            cookieValue = null;
        }

        return new Session(this, cookieValue);
    }

    public void Dispose()
    {
        _store.Dispose();
        _metrics.Dispose();
    }
}
