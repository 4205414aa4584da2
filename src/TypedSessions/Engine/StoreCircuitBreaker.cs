using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TypedSessions.Engine;

/// <summary>
/// Tells a store that is down from a call that failed on its own, and remembers an outage so that requests fail at
/// once instead of each waiting out the store timeout. Whether the store is down is always decided by a probe (a
/// harmless read), never by one failed call; one probe runs at a time, shared by every caller. While the store is
/// down it is probed in the background until it answers again. An outage logs once when it starts and once when it
/// ends.
/// </summary>
internal sealed class StoreCircuitBreaker(Func<CancellationToken, Task> probe, TimeSpan probeTimeout, TimeSpan probeInterval, ILogger logger) : IDisposable
{
    private static readonly Task<bool> KnownDown = Task.FromResult(false);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private Task<bool>? _probe;
    private volatile bool _open;
    private long _openedAt;

    /// <summary>Whether the store is known to be down.</summary>
    public bool IsOpen => _open;

    /// <summary>How long a client should wait before trying again while the store is down.</summary>
    public TimeSpan RetryAfter => probeInterval;

    /// <summary>
    /// Whether the store answers, by the probe in flight or a new one; a probe that finds it down opens the breaker.
    /// Callers that cannot wait for the answer need not: the breaker opens all the same. While the breaker is open the
    /// answer is no, without a probe.
    /// </summary>
    public Task<bool> CheckAsync()
    {
        lock (_gate)
        {
            // The background probes decide when the store is back. A probe started now (by a call that was under way
            // when the outage began) could end after one of them found the store answering, and its older verdict would
            // reopen the breaker on a store that is back: a second outage logged, and a probe interval of needless 503s.
            if (_open)
            {
                return KnownDown;
            }

            if (_probe is { IsCompleted: false } running)
            {
                return running;
            }

            _probe = ProbeAndOpenIfDownAsync();
            return _probe;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task<bool> ProbeAndOpenIfDownAsync()
    {
        var failure = await ProbeAsync().ConfigureAwait(false);
        if (failure is not null)
        {
            Open(failure);
        }

        return failure is null;
    }

    // Null when the store answered (or the app is shutting down and nobody waits for the answer); else why not.
    private async Task<Exception?> ProbeAsync()
    {
        try
        {
            var stopping = _disposed.Token;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(probeTimeout);
            await probe(timeout.Token).WaitAsync(probeTimeout, stopping).ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            // Shutting down: nobody is waiting for the answer.
            return _disposed.IsCancellationRequested ? null : exception;
        }
    }

    private void Open(Exception cause)
    {
        lock (_gate)
        {
            if (_open || _disposed.IsCancellationRequested)
            {
                return;
            }

            _open = true;
            _openedAt = Stopwatch.GetTimestamp();
        }

        Log.StoreUnavailable(logger, cause);
        _ = Task.Run(ProbeUntilRecoveredAsync);
    }

    private async Task ProbeUntilRecoveredAsync()
    {
        try
        {
            var stopping = _disposed.Token;
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(probeInterval, stopping).ConfigureAwait(false);
                if (await ProbeAsync().ConfigureAwait(false) is null)
                {
                    // Logged before calls are let through again: whoever sees the store answer finds the recovery
                    // logged. No call can reopen the breaker meanwhile, since it is still open.
                    Log.StoreRecovered(logger, Stopwatch.GetElapsedTime(Interlocked.Read(ref _openedAt)).TotalSeconds);
                    lock (_gate)
                    {
                        _open = false;
                    }

                    return;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // The app is shutting down.
        }
    }
}
