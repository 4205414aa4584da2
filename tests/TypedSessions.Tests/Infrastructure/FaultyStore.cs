using TypedSessions.Stores;

namespace TypedSessions.Tests.Infrastructure;

/// <summary>
/// A memory store whose calls can be made to fail, hang or report an outcome, to drive the engine's failure paths
/// without a real server. Every call counts, so tests can tell a fast failure (no call) from a slow one.
/// </summary>
public sealed class FaultyStore(TimeProvider time) : ISessionRecordStore
{
    private readonly MemorySessionRecordStore _inner = new(time);
    private int _calls;

    /// <summary>When set, every call throws this (as an unreachable server would).</summary>
    public Exception? Failure { get; set; }

    /// <summary>When set, every call waits for this task first (as a hung server would).</summary>
    public Task? Hang { get; set; }

    /// <summary>When set, updates throw this while every other call (the engine's probe included) works.</summary>
    public Exception? UpdateFailure { get; set; }

    /// <summary>When set, updates wait for this task first while every other call works.</summary>
    public Task? UpdateHang { get; set; }

    /// <summary>When set, deletes throw this while every other call (the engine's probe included) works.</summary>
    public Exception? DeleteFailure { get; set; }

    /// <summary>When set, touches throw this while every other call (the engine's probe included) works.</summary>
    public Exception? TouchFailure { get; set; }

    /// <summary>When set, clearing expired records waits for this task first, ignoring cancellation (as a store that does not honour the token).</summary>
    public Task? ClearExpiredHang { get; set; }

    /// <summary>When set, updates report this instead of writing.</summary>
    public SessionWriteResult? UpdateOutcome { get; set; }

    /// <summary>How many calls reached the store.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public async ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        return await _inner.LoadAsync(recordId, cancellationToken);
    }

    public async ValueTask<SessionWriteResult> CreateAsync(string recordId, SessionRecord record, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        return await _inner.CreateAsync(recordId, record, cancellationToken);
    }

    public async ValueTask<SessionWriteResult> UpdateAsync(string recordId, SessionChanges changes, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        if (UpdateHang is { } hang)
        {
            await hang.WaitAsync(cancellationToken);
        }

        if (UpdateFailure is { } failure)
        {
            throw failure;
        }

        return UpdateOutcome ?? await _inner.UpdateAsync(recordId, changes, cancellationToken);
    }

    public async ValueTask<SessionWriteResult> TouchAsync(string recordId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        if (TouchFailure is { } failure)
        {
            throw failure;
        }

        return await _inner.TouchAsync(recordId, expiresAt, cancellationToken);
    }

    public async ValueTask DeleteAsync(string recordId, CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        if (DeleteFailure is { } failure)
        {
            throw failure;
        }

        await _inner.DeleteAsync(recordId, cancellationToken);
    }

    public async ValueTask<int> ClearExpiredAsync(CancellationToken cancellationToken = default)
    {
        await EnterAsync(cancellationToken);
        if (ClearExpiredHang is { } hang)
        {
            await hang;
        }

        return await _inner.ClearExpiredAsync(cancellationToken);
    }

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Hang is { } hang)
        {
            await hang.WaitAsync(cancellationToken);
        }

        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}
