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
    private static IReadOnlyDictionary<string, string> Copy(IReadOnlyDictionary<string, string> values)
        => new Dictionary<string, string>(values, StringComparer.Ordinal).AsReadOnly();
}
