namespace TypedSessions.Stores;

/// <summary>
/// Keeps sessions in this process's memory: for tests and development. Everything is lost on restart and nothing is
/// shared between instances of the app.
/// </summary>
/// <remarks>
/// <para>
/// An expired record is dropped when a call meets it, and all of them by <see cref="ClearExpiredAsync(CancellationToken)"/> (the purge of
/// <see cref="TypedSessionsOptions.PurgeInterval"/>) and by the store's own sweep every <c>sweepInterval</c> when it is
/// given one (<c>AddMemoryStore()</c> gives one unless the purge runs as often), so sessions nobody comes back for do
/// not pile up in memory.
/// </para>
/// <para>
/// A user's sessions are indexed in memory too (<see cref="ISessionUserIndex"/>), and a purge reports each record it
/// deletes (<see cref="ISessionPurgeReporting"/>).
/// </para>
/// </remarks>
public sealed class MemorySessionRecordStore : ISessionRecordStore, ISessionUserIndex, ISessionPurgeReporting, IDescribedSessionStore, IDisposable
{
    private static readonly SessionStoreDescription MemoryDescription = new() { Name = "memory" };

    /// <summary>How often a store registered by <c>AddMemoryStore()</c> sweeps out expired records, at most: every minute.</summary>
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, SessionRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _recordsByUser = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer? _sweep;

    /// <inheritdoc />
    public SessionStoreDescription Description => MemoryDescription;

    /// <summary>Creates a store that drops expired records when it meets them and when cleared, with no timer of its own.</summary>
    /// <param name="timeProvider">The clock that decides which records have expired.</param>
    public MemorySessionRecordStore(TimeProvider timeProvider)
        : this(timeProvider, sweepInterval: null)
    {
    }

    /// <summary>Creates a store that also sweeps out every expired record each <paramref name="sweepInterval"/>.</summary>
    /// <param name="timeProvider">The clock that decides which records have expired and runs the sweep.</param>
    /// <param name="sweepInterval">How often to sweep, on <paramref name="timeProvider"/>; <see langword="null"/> for never.</param>
    public MemorySessionRecordStore(TimeProvider timeProvider, TimeSpan? sweepInterval)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        if (sweepInterval is not { } period)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero, nameof(sweepInterval));

        // The timer holds the store only weakly, so a store nobody disposes is still collected; its timer then stops.
        var sweep = new SweepState(new WeakReference<MemorySessionRecordStore>(this));
        _sweep = sweep.Timer = timeProvider.CreateTimer(static state => ((SweepState)state!).Run(), sweep, period, period);
    }

    /// <summary>How many records are held, expired ones not yet met, cleared or swept out included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        lock (_gate)
        {
            return ValueTask.FromResult(TryGetLive(recordId, out var record) ? SessionLoadResult.Found(record) : SessionLoadResult.NotFound);
        }
    }

    /// <inheritdoc />
    public ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (TryGetLive(recordId, out _))
            {
                return ValueTask.FromResult(SessionWriteResult.IdTaken);
            }

            Put(recordId, record with { Values = Copy(record.Values), FormatVersion = SessionRecordFormat.CurrentVersion });
            return ValueTask.FromResult(SessionWriteResult.Written);
        }
    }

    /// <inheritdoc />
    public ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(changes);
        lock (_gate)
        {
            if (!TryGetLive(recordId, out var current))
            {
                return ValueTask.FromResult(SessionWriteResult.NotFound);
            }

            if (!changes.ExpectedValuesMatch(current.Values))
            {
                return ValueTask.FromResult(SessionWriteResult.Conflict);
            }

            Put(recordId, current with
            {
                Values = changes.ApplyTo(current.Values).AsReadOnly(),
                ExpiresAt = changes.ExpiresAt,
                LastSavedAt = changes.SavedAt ?? current.LastSavedAt,
                UserId = changes.UserIdChanged ? changes.UserId : current.UserId,
            });
            return ValueTask.FromResult(SessionWriteResult.Written);
        }
    }

    /// <inheritdoc />
    public ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        lock (_gate)
        {
            if (!TryGetLive(recordId, out var current))
            {
                return ValueTask.FromResult(SessionWriteResult.NotFound);
            }

            Put(recordId, current with { ExpiresAt = expiresAt });
            return ValueTask.FromResult(SessionWriteResult.Written);
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        lock (_gate)
        {
            Remove(recordId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(RemoveExpired().Count);

    /// <inheritdoc />
    async ValueTask<int> ISessionPurgeReporting.ClearExpiredAsync(Func<ExpiredSession, ValueTask> onExpired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onExpired);
        var removed = RemoveExpired();
        foreach (var expired in removed)
        {
            await onExpired(expired).ConfigureAwait(false);
        }

        return removed.Count;
    }

    /// <inheritdoc />
    /// <remarks>The user's records are copied under the lock, so the listing is one consistent snapshot.</remarks>
    public async IAsyncEnumerable<SessionInfo> ListUserSessionsAsync(
        string userId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        List<SessionInfo> sessions;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            sessions = _recordsByUser.TryGetValue(userId, out var ids)
                ? [.. ids.Select(id => (Id: id, Record: _records[id])).Where(pair => pair.Record.ExpiresAt > now).Select(pair => ToInfo(pair.Id, pair.Record))]
                : [];
        }

        foreach (var info in sessions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return info;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<SessionRevokeResult> RevokeAsync(string recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        lock (_gate)
        {
            if (!TryGetLive(recordId, out var record))
            {
                return ValueTask.FromResult(SessionRevokeResult.NotFound);
            }

            Remove(recordId);
            return ValueTask.FromResult(new SessionRevokeResult(Revoked: true, record.UserId));
        }
    }

    /// <summary>Stops the sweep, if any; the records stay.</summary>
    public void Dispose() => _sweep?.Dispose();

    // One lock for the whole sweep: concurrent callers each count only what they removed, and no record is counted twice.
    private List<ExpiredSession> RemoveExpired()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var removed = new List<ExpiredSession>();
            foreach (var (id, record) in _records)
            {
                if (record.ExpiresAt <= now)
                {
                    removed.Add(new ExpiredSession(id, record.UserId));
                }
            }

            foreach (var expired in removed)
            {
                Remove(expired.RecordId);
            }

            return removed;
        }
    }

    // Called under the lock: every write goes through here, so the index by user always matches the records.
    private void Put(string recordId, SessionRecord record)
    {
        if (_records.TryGetValue(recordId, out var previous) && previous.UserId is { } previousUser && previousUser != record.UserId)
        {
            Unindex(recordId, previousUser);
        }

        _records[recordId] = record;
        if (record.UserId is { } userId)
        {
            if (!_recordsByUser.TryGetValue(userId, out var ids))
            {
                _recordsByUser[userId] = ids = new HashSet<string>(StringComparer.Ordinal);
            }

            ids.Add(recordId);
        }
    }

    // Called under the lock.
    private void Remove(string recordId)
    {
        if (_records.Remove(recordId, out var record) && record.UserId is { } userId)
        {
            Unindex(recordId, userId);
        }
    }

    private void Unindex(string recordId, string userId)
    {
        if (_recordsByUser.TryGetValue(userId, out var ids) && ids.Remove(recordId) && ids.Count == 0)
        {
            _recordsByUser.Remove(userId);
        }
    }

    private static SessionInfo ToInfo(string recordId, SessionRecord record) => new(recordId, record.UserId!, record.ExpiresAt)
    {
        CreatedAt = record.CreatedAt,
        LastSavedAt = record.LastSavedAt,
        SizeInBytes = System.Text.Encoding.UTF8.GetByteCount(SessionDataFormat.Encode(record.Values)),
        UserAgent = record.UserAgent,
        RemoteAddress = record.RemoteAddress,
    };

    // Called under the lock. An expired record is removed as it is met: nothing will ever load it again.
    private bool TryGetLive(string recordId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SessionRecord? record)
    {
        if (_records.TryGetValue(recordId, out record))
        {
            if (record.ExpiresAt > _time.GetUtcNow())
            {
                return true;
            }

            Remove(recordId);
        }

        record = null;
        return false;
    }

    private sealed class SweepState(WeakReference<MemorySessionRecordStore> store)
    {
        public ITimer? Timer { get; set; }

        public void Run()
        {
            if (store.TryGetTarget(out var target))
            {
                target.RemoveExpired();
            }
            else
            {
                Timer?.Dispose();
            }
        }
    }

    // Callers keep their dictionaries and receive ours: a read-only copy keeps either side from changing the other.
    private static IReadOnlyDictionary<string, string> Copy(IReadOnlyDictionary<string, string> values)
        => new Dictionary<string, string>(values, StringComparer.Ordinal).AsReadOnly();
}
