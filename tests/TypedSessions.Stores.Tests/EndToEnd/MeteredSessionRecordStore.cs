using System.Text;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// Counts the calls a store receives and the bytes the engine hands it (record id plus the JSON it must write), for
/// the per-request cost table in docs/stores.md.
/// </summary>
internal sealed class MeteredSessionRecordStore(ISessionRecordStore inner) : ISessionRecordStore
{
    private readonly List<string> _calls = [];

    public IReadOnlyList<string> Calls => _calls;

    public long BytesSent { get; private set; }

    public void Reset()
    {
        _calls.Clear();
        BytesSent = 0;
    }

    public ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        Count("Load", recordId.Length);
        return inner.LoadAsync(recordId, cancellationToken);
    }

    public ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        Count("Create", recordId.Length + Size(record.Values));
        return inner.CreateAsync(recordId, record, cancellationToken);
    }

    public ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges update, CancellationToken cancellationToken = default)
    {
        Count("Update", recordId.Length + Size(update.Changed) + update.Removed.Sum(Encoding.UTF8.GetByteCount));
        return inner.UpdateAsync(recordId, update, cancellationToken);
    }

    public ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        Count("Delete", recordId.Length);
        return inner.DeleteAsync(recordId, cancellationToken);
    }

    public ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        Count("Touch", recordId.Length);
        return inner.TouchAsync(recordId, expiresAt, cancellationToken);
    }

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        Count("ClearExpired", 0);
        return inner.ClearExpiredAsync(cancellationToken);
    }

    private static int Size(IReadOnlyDictionary<string, string> values)
        => values.Sum(pair => Encoding.UTF8.GetByteCount(pair.Key) + Encoding.UTF8.GetByteCount(pair.Value));

    private void Count(string call, int bytes)
    {
        lock (_calls)
        {
            _calls.Add(call);
            BytesSent += bytes;
        }
    }
}
