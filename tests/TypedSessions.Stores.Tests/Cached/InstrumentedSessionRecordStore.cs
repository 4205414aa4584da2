using System.Collections.Concurrent;

namespace TypedSessions.Stores.Tests.Cached;

/// <summary>
/// Wraps a store to record every call (as "<see cref="Name"/>.Operation", in a journal it may share with another
/// store, so that the order across a cache and its durable store shows) and to fail the operations a test chooses.
/// </summary>
internal sealed class InstrumentedSessionRecordStore(string name, ISessionRecordStore inner, ConcurrentQueue<string>? journal = null) : ISessionRecordStore
{
    public string Name => name;

    public ISessionRecordStore Inner => inner;

    public ConcurrentQueue<string> Journal { get; } = journal ?? new ConcurrentQueue<string>();

    /// <summary>Operations (Load, TryCreate, Update, Delete, Exists, ClearExpired) that throw <see cref="Failure"/> instead of running.</summary>
    public HashSet<string> Failing { get; } = new(StringComparer.Ordinal);

    public Exception Failure { get; set; } = new InvalidOperationException("The cache server is unreachable.");

    /// <summary>This store's calls, in order, without the store name.</summary>
    public IReadOnlyList<string> Calls => [.. Journal.Where(entry => entry.StartsWith(name + ".", StringComparison.Ordinal)).Select(entry => entry[(name.Length + 1)..])];

    public void FailEverything() => Failing.UnionWith(["Load", "TryCreate", "Update", "Delete", "Exists", "ClearExpired"]);

    public ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
        => Call("Load", () => inner.LoadAsync(recordId, cancellationToken));

    public ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
        => Call("TryCreate", () => inner.CreateAsync(recordId, record, cancellationToken));

    public ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges update, CancellationToken cancellationToken = default)
        => Call("Update", () => inner.UpdateAsync(recordId, update, cancellationToken));

    public async ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
        => await Call("Delete", async () =>
        {
            await inner.DeleteAsync(recordId, cancellationToken);
            return true;
        });

    public ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        => Call("Touch", () => inner.TouchAsync(recordId, expiresAt, cancellationToken));

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
        => Call("ClearExpired", () => inner.ClearExpiredAsync(cancellationToken));

    private ValueTask<T> Call<T>(string operation, Func<ValueTask<T>> run)
    {
        Journal.Enqueue($"{name}.{operation}");
        return Failing.Contains(operation) ? ValueTask.FromException<T>(Failure) : run();
    }
}
