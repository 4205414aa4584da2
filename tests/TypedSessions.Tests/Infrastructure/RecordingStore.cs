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

    public IReadOnlyList<string> Writes => Calls.Where(call => call is not "Load").ToList();

    public void Reset()
    {
        lock (_calls)
        {
            _calls.Clear();
        }
    }

    public ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        Record("Load", recordId);
        return Inner.LoadAsync(recordId, cancellationToken);
    }

    public ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        Record("Create", recordId);
        return Inner.CreateAsync(recordId, record, cancellationToken);
    }

    public ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges update, CancellationToken cancellationToken = default)
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

    public ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        Record("Touch", recordId);
        return Inner.TouchAsync(recordId, expiresAt, cancellationToken);
    }

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        Record("ClearExpired", string.Empty);
        return Inner.ClearExpiredAsync(cancellationToken);
    }

    public SessionChanges? LastUpdate { get; private set; }

    private void Record(string call, string recordId)
    {
        lock (_calls)
        {
            _calls.Add(call);
            RecordIds = [.. RecordIds, recordId];
        }
    }
}
