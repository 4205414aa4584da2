namespace TypedSessions.Stores.Tests.Faults;

/// <summary>Runs an action when disposed, once.</summary>
internal sealed class AsyncDisposable(Func<ValueTask> dispose) : IAsyncDisposable
{
    private int _disposed;

    public ValueTask DisposeAsync() => Interlocked.Exchange(ref _disposed, 1) == 0 ? dispose() : ValueTask.CompletedTask;
}
