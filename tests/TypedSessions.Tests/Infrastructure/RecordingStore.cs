using TypedSessions.Stores;

namespace TypedSessions.Tests.Infrastructure;

/// <summary>Wraps a store and records every call, so tests can assert the exact store I/O of a request.</summary>
public sealed class RecordingStore(ISessionRecordStore inner) : ISessionRecordStore
{
    private readonly List<string> _calls = [];

    public ISessionRecordStore Inner { get; } = inner;

    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<string> RecordIds { get; private set; } = [];

    public IReadOnlyList<string> Writes => Calls.Where(call => call is not ("Load" or "Exists")).ToList();

    public void Reset()
    {
        lock (_calls)
        {
            _calls.Clear();
        }
    }

    public ValueTask<SessionRecord?> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        Record("Load", recordId);
        return Inner.LoadAsync(recordId, cancellationToken);
    }

    public ValueTask<bool> TryCreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        Record("Create", recordId);
        return Inner.TryCreateAsync(recordId, record, cancellationToken);
    }

    public ValueTask<SessionUpdateResult> UpdateAsync(string recordId, SessionRecordUpdate update, CancellationToken cancellationToken = default)
    {
        Record("Update", recordId);
        LastUpdate = update;
        return Inner.UpdateAsync(recordId, update, cancellationToken);
    }

    public ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        Record("Delete", recordId);
        return Inner.DeleteAsync(recordId, cancellationToken);
    }

    public ValueTask<bool> ExistsAsync(string recordId, CancellationToken cancellationToken = default)
    {
        Record("Exists", recordId);
        return Inner.ExistsAsync(recordId, cancellationToken);
    }

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        Record("ClearExpired", string.Empty);
        return Inner.ClearExpiredAsync(cancellationToken);
    }

    public SessionRecordUpdate? LastUpdate { get; private set; }

    private void Record(string call, string recordId)
    {
        lock (_calls)
        {
            _calls.Add(call);
            RecordIds = [.. RecordIds, recordId];
        }
    }
}
