using System.Diagnostics;
using TypedSessions.Engine;
using TypedSessions.Stores;

namespace TypedSessions;

/// <summary>
/// The session of one request (Django's <c>request.session</c>): an untyped, dictionary-like view over the session's
/// keys, with change tracking, expiry and the key's lifecycle. Typed views come from <see cref="GetState{T}"/>.
/// </summary>
/// <remarks>
/// A session is loaded asynchronously before use (<c>await HttpContext.GetSessionAsync()</c>, a
/// <see cref="SessionStateAttribute"/> parameter, or <see cref="LoadSessionAttribute"/>); touching its data before then
/// throws <see cref="InvalidOperationException"/> instead of blocking on I/O. A session belongs to one request and is
/// not safe for concurrent use.
/// </remarks>
[DebuggerDisplay("{DebuggerDisplay,nq}")]
public sealed partial class Session
{
    private readonly SessionEngine _engine;
    private readonly Dictionary<string, SessionEntry> _entries = new(StringComparer.Ordinal);
    private string? _candidateKey;
    private string[]? _otherCandidateKeys;
    private string? _key;
    private bool _loaded;
    private bool _accessed;
    private bool _forcedModified;
    private SessionRecord? _stored;

    internal Session(SessionEngine engine, string? candidateKey, string[]? otherCandidateKeys = null)
    {
        _engine = engine;
        _candidateKey = candidateKey;
        _otherCandidateKeys = otherCandidateKeys;
    }

    /// <summary>Whether the session's data has been loaded; until then only this and <see cref="IsEmpty"/> may be read.</summary>
    public bool IsLoaded => _loaded;

    /// <summary>The session key (Django's <c>session_key</c>): <see langword="null"/> until the session is saved.</summary>
    public string? Key
    {
        get
        {
            EnsureLoaded();
            return _key;
        }
    }

    /// <summary>Whether the session's data was read or written during this request.</summary>
    public bool IsAccessed => _accessed;

    /// <summary>
    /// Whether the session differs from what is stored: a key was set to a different value or removed, a value handed
    /// out was changed in place, or <see cref="Clear"/>, <see cref="MarkModified"/> or an expiry change was called.
    /// </summary>
    public bool IsModified => _loaded && ComputeChanges().HasChanges;

    /// <summary>
    /// Whether the session has neither a key nor data (Django's <c>is_empty()</c>). An unloaded session with a
    /// well-formed cookie key is not empty.
    /// </summary>
    public bool IsEmpty => _loaded ? _key is null && _userId is null && ComputeChanges().Values.Count == 0 : _candidateKey is null;

    /// <summary>Whether the session was saved at least once during this request (the cookie must then go out).</summary>
    internal bool WasSaved { get; private set; }

    /// <summary>The key as it stands, loaded or not: the candidate from the cookie until the session is loaded.</summary>
    internal string? CurrentKey => _loaded ? _key : _candidateKey;

    /// <summary>The record as loaded or last written, with the store's metadata; null for a session not yet stored.</summary>
    internal SessionRecord? StoredRecord => _stored;

    // Never serializes: a debugger evaluating this must not change what the session would save.
    private string DebuggerDisplay => _loaded
        ? $"Key = {(_key is null ? "(none)" : "…" + _key[^4..])}, {_entries.Count} entries, accessed = {_accessed}"
        : $"Not loaded, cookie key = {(_candidateKey is null ? "(none)" : "…" + _candidateKey[^Math.Min(4, _candidateKey.Length)..])}";

    /// <summary>Marks the session modified, so that it is saved and its cookie re-sent (Django's <c>modified = True</c>).</summary>
    public void MarkModified()
    {
        EnsureLoaded();
        _forcedModified = true;
        Touched();
    }

    /// <summary>Returns a typed view of the session.</summary>
    /// <typeparam name="T">A <see cref="SessionStateAttribute"/> class.</typeparam>
    public T GetState<T>()
        where T : class, ISessionState<T>
    {
        EnsureLoaded();
        return T.Create(this);
    }

    /// <summary>Loads the session's data once; later calls return at once.</summary>
    /// <exception cref="SessionStoreUnavailableException">The store failed or did not answer in time.</exception>
    internal async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        var (key, record) = _candidateKey is null
            ? default
            : await _engine.Storage.LoadFirstLiveAsync(_candidateKey, _otherCandidateKeys, _engine.HasReachedAbsoluteLifetime, cancellationToken).ConfigureAwait(false);
        if (_loaded)
        {
            return;
        }

        _key = key;
        _candidateKey = key;
        _otherCandidateKeys = null;
        _stored = record;
        _userId = record?.UserId;
        if (record is not null)
        {
            _entries.EnsureCapacity(record.Values.Count);
            foreach (var (name, json) in record.Values)
            {
                _entries[name] = new SessionEntry(json);
            }
        }

        _loaded = true;
    }

    private void EnsureLoaded()
    {
        if (!_loaded)
        {
            throw new InvalidOperationException(
                "The session has not been loaded. Await HttpContext.GetSessionAsync() or GetSessionStateAsync<T>() first, " +
                "take a [SessionState] class as an endpoint parameter, or put [LoadSession] on the endpoint; " +
                "TypedSessions never blocks a request thread on store I/O.");
        }
    }
}
