namespace TypedSessions.Stores;

/// <summary>
/// Keeps sessions in this process's memory: for tests and development. Everything is lost on restart and nothing is
/// shared between instances of the app.
/// </summary>
public sealed class MemorySessionRecordStore(TimeProvider timeProvider) : ISessionRecordStore
{
    private readonly Dictionary<string, SessionRecord> _records = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How many records are held, expired ones included.</summary>
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
    public ValueTask<SessionRecord?> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(TryGetLive(recordId, out var record) ? record : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TryCreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (TryGetLive(recordId, out _))
            {
                return ValueTask.FromResult(false);
            }

            _records[recordId] = Copy(record.Values, record.ExpiresAt);
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<SessionUpdateResult> UpdateAsync(string recordId, SessionRecordUpdate update, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!TryGetLive(recordId, out var current))
            {
                return ValueTask.FromResult(SessionUpdateResult.NotFound);
            }

            if (!update.IsExpectedBy(current.Values))
            {
                return ValueTask.FromResult(SessionUpdateResult.Conflict);
            }

            _records[recordId] = new SessionRecord(update.ApplyTo(current.Values).AsReadOnly(), update.ExpiresAt);
            return ValueTask.FromResult(SessionUpdateResult.Updated);
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
    public ValueTask<bool> ExistsAsync(string recordId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(TryGetLive(recordId, out _));
        }
    }

    /// <inheritdoc />
    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            var expired = _records.Where(pair => pair.Value.ExpiresAt <= now).Select(pair => pair.Key).ToList();
            expired.ForEach(id => _records.Remove(id));
            return ValueTask.FromResult(expired.Count);
        }
    }

    private bool TryGetLive(string recordId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SessionRecord? record)
    {
        if (_records.TryGetValue(recordId, out record) && record.ExpiresAt > timeProvider.GetUtcNow())
        {
            return true;
        }

        record = null;
        return false;
    }

    // Callers keep their dictionaries and receive ours: a read-only copy keeps either side from changing the other.
    private static SessionRecord Copy(IReadOnlyDictionary<string, string> values, DateTimeOffset expiresAt)
        => new(new Dictionary<string, string>(values, StringComparer.Ordinal).AsReadOnly(), expiresAt);
}
