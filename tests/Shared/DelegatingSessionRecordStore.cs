using TypedSessions.Stores;

namespace TypedSessions.Testing;

/// <summary>
/// A store that passes every call on to <see cref="Inner"/>: a test's decorator overrides only the calls it watches,
/// delays or breaks. It keeps no user index of its own; a decorator that must pass one on implements
/// <see cref="ISessionUserIndex"/> itself, so that wrapping a store never adds or hides that capability by accident.
/// </summary>
internal abstract class DelegatingSessionRecordStore(ISessionRecordStore inner) : ISessionRecordStore
{
    public ISessionRecordStore Inner { get; } = inner;

    public virtual ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
        => Inner.LoadAsync(recordId, cancellationToken);

    public virtual ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
        => Inner.CreateAsync(recordId, record, cancellationToken);

    public virtual ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
        => Inner.UpdateAsync(recordId, changes, cancellationToken);

    public virtual ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        => Inner.TouchAsync(recordId, expiresAt, cancellationToken);

    public virtual ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
        => Inner.DeleteAsync(recordId, cancellationToken);

    public virtual ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
        => Inner.ClearExpiredAsync(cancellationToken);
}
