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

    public SessionEngine(
        ISessionRecordStore store,
        ISessionKeyScheme keys,
        IOptions<TypedSessionsOptions> options,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        IMeterFactory? meterFactory = null,
        IEnumerable<ISessionEvents>? eventHandlers = null)
    {
        Options = options.Value;
        Time = time;
        Logger = loggerFactory.CreateLogger("TypedSessions.Session");
        Metrics = new SessionMetrics(meterFactory);
        _store = new GuardedSessionStore(store, Options.StoreTimeout, loggerFactory.CreateLogger("TypedSessions.Store"), Metrics);
        StoredDataLog = new StoredDataLog(Logger, loggerFactory.CreateLogger("TypedSessions.Security"), new RepeatedEventLimiter(time));
        Events = new SessionEventDispatcher([.. eventHandlers ?? []], time, loggerFactory.CreateLogger("TypedSessions.Events"));
        Storage = new SessionStorage(keys, _store, Logger, StoredDataLog, Events, Metrics);
        Committer = new SessionCommitter(Storage, Options, Logger, Metrics, Events);
        HasReachedAbsoluteLifetime = record => Options.AbsoluteLifetime is { } limit
            && (record.CreatedAt is not { } created || Time.GetUtcNow() - created >= limit);
    }

    /// <summary>
    /// Whether a record has lived <see cref="TypedSessionsOptions.AbsoluteLifetime"/> since its creation; such a record is
    /// deleted when loaded. A record whose creation time is unknown (stored before creation times were) counts as ended:
    /// its age cannot be bounded, and an absolute timeout that such sessions could outlive would be none. One delegate
    /// serves every load.
    /// </summary>
    public Func<SessionRecord, bool> HasReachedAbsoluteLifetime { get; }

    public TypedSessionsOptions Options { get; }

    public TimeProvider Time { get; }

    public JsonSerializerOptions Json => Options.JsonSerializerOptions;

    public ILogger Logger { get; }

    /// <summary>The instruments of the <c>TypedSessions</c> meter.</summary>
    public SessionMetrics Metrics { get; }

    /// <summary>Where problems with stored data are logged, once per record and hour.</summary>
    public StoredDataLog StoredDataLog { get; }

    public SessionStorage Storage { get; }

    public SessionCommitter Committer { get; }

    /// <summary>Where session events go once the store has confirmed them.</summary>
    public SessionEventDispatcher Events { get; }

    /// <summary>How long clients are told to wait while the store is down.</summary>
    public TimeSpan RetryAfter => _store.Breaker.RetryAfter;

    /// <summary>
    /// The most session cookies of one request that are looked up. A browser sends more than one only when another
    /// (sub)domain or path planted a cookie of the same name; a few cover that, and a request cannot make more reads.
    /// </summary>
    public const int MaxCookieCandidates = 4;

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

    /// <summary>
    /// Opens an unloaded session for every value of the session cookie a request carried, in request order: when loaded,
    /// it takes the first that names a live session. Malformed values are dropped, and at most
    /// <see cref="MaxCookieCandidates"/> distinct well-formed ones are kept.
    /// </summary>
    public Session CreateUnloadedFromCookies(IReadOnlyList<string>? cookieValues)
    {
        if (cookieValues is not { Count: > 1 })
        {
            return CreateUnloaded(cookieValues is [var only] ? only : null);
        }

        var candidates = new List<string>(MaxCookieCandidates);
        var malformed = false;
        foreach (var value in cookieValues)
        {
            if (!Storage.Keys.IsWellFormed(value))
            {
                malformed = true;
            }
            else if (!candidates.Contains(value))
            {
                candidates.Add(value);
                if (candidates.Count == MaxCookieCandidates)
                {
                    break;
                }
            }
        }

        if (malformed)
        {
            Log.MalformedSessionCookie(Logger);
        }

        Log.SessionCookiesRepeated(Logger, cookieValues.Count, candidates.Count);
        return candidates.Count <= 1
            ? new Session(this, candidates.Count == 0 ? null : candidates[0])
            : new Session(this, candidates[0], [.. candidates.Skip(1)]);
    }

    public void Dispose()
    {
        _store.Dispose();
        Metrics.Dispose();
    }
}
