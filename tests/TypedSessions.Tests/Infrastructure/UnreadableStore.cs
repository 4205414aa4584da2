using TypedSessions.Stores;

namespace TypedSessions.Tests.Infrastructure;

/// <summary>
/// A store whose every record is damaged: each load is <see cref="SessionLoadResult.Unreadable(string, Exception?)"/>
/// with <paramref name="problem"/>, so nothing it holds can be updated or touched, and a create always succeeds.
/// </summary>
public sealed class UnreadableStore(string problem = "Session data is not valid JSON.", Exception? exception = null) : ISessionRecordStore
{
    public ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(SessionLoadResult.Unreadable(problem, exception));

    public ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(SessionWriteResult.Written);

    public ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(SessionWriteResult.NotFound);

    public ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(SessionWriteResult.NotFound);

    public ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(0);
}
