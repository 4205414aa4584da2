namespace TypedSessions.Stores;

/// <summary>
/// Keeps sessions in this process's memory: for tests and development. Everything is lost on restart and nothing is
/// shared between instances of the app.
/// </summary>
/// <remarks>
/// An expired record is dropped when a call meets it, and all of them by <see cref="ClearExpiredAsync"/> (the purge of
/// <see cref="TypedSessionsOptions.PurgeInterval"/>) and by the store's own sweep every <c>sweepInterval</c> when it is
/// given one (<c>AddMemoryStore()</c> gives one unless the purge runs as often), so sessions nobody comes back for do
/// not pile up in memory.
/// </remarks>
public sealed class MemorySessionRecordStore : ISessionRecordStore, IDisposable
{
    /// <summary>How often a store registered by <c>AddMemoryStore()</c> sweeps out expired records, at most: every minute.</summary>
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, SessionRecord> _records = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ITimer? _sweep;

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
        lock (_gate)
        {
            return ValueTask.FromResult(TryGetLive(recordId, out var record) ? SessionLoadResult.Found(record) : SessionLoadResult.NotFound);
        }
    }

    /// <inheritdoc />
    public ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (TryGetLive(recordId, out _))
            {
                return ValueTask.FromResult(SessionWriteResult.IdTaken);
            }

            _records[recordId] = record with { Values = Copy(record.Values), FormatVersion = SessionRecordFormat.CurrentVersion };
            return ValueTask.FromResult(SessionWriteResult.Written);
        }
    }

    /// <inheritdoc />
    public ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
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

            _records[recordId] = current with
            {
                Values = changes.ApplyTo(current.Values).AsReadOnly(),
                ExpiresAt = changes.ExpiresAt,
                LastSavedAt = changes.SavedAt ?? current.LastSavedAt,
            };
            return ValueTask.FromResult(SessionWriteResult.Written);
        }
    }

    /// <inheritdoc />
    public ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!TryGetLive(recordId, out var current))
            {
                return ValueTask.FromResult(SessionWriteResult.NotFound);
            }

            _records[recordId] = current with { ExpiresAt = expiresAt };
            return ValueTask.FromResult(SessionWriteResult.Written);
        }
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _records.Remove(recordId);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(RemoveExpired());

    /// <summary>Stops the sweep, if any; the records stay.</summary>
    public void Dispose() => _sweep?.Dispose();

    // One lock for the whole sweep: concurrent callers each count only what they removed, and no record is counted twice.
    private int RemoveExpired()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var removed = 0;
            foreach (var (id, record) in _records)
            {
                // Removing the current entry while enumerating is allowed for Dictionary<TKey, TValue> since .NET Core 3.0.
                if (record.ExpiresAt <= now && _records.Remove(id))
                {
                    removed++;
                }
            }

            return removed;
        }
    }

    // Called under the lock. An expired record is removed as it is met: nothing will ever load it again.
    private bool TryGetLive(string recordId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SessionRecord? record)
    {
        if (_records.TryGetValue(recordId, out record))
        {
            if (record.ExpiresAt > _time.GetUtcNow())
            {
                return true;
            }

            _records.Remove(recordId);
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
