using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace TypedSessions.Engine;

/// <summary>
/// Remembers that the store is down, so that requests fail at once instead of each waiting out the store timeout, and
/// probes it in the background until it answers again. An outage logs once when it starts and once when it ends.
/// </summary>
internal sealed class StoreCircuitBreaker(Func<CancellationToken, Task> probe, TimeSpan probeTimeout, TimeSpan probeInterval, ILogger logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _disposed = new();
    private volatile bool _open;
    private long _openedAt;

    /// <summary>Whether the store is known to be down.</summary>
    public bool IsOpen => _open;

    /// <summary>How long a client should wait before trying again while the store is down.</summary>
    public TimeSpan RetryAfter => probeInterval;

    /// <summary>Marks the store down, logs the outage (once), and starts probing for its recovery.</summary>
    public void Open(Exception? cause)
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

    /// <summary>Whether the store answers a harmless read within the probe timeout.</summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(probeTimeout);
        try
        {
            await probe(timeout.Token).WaitAsync(probeTimeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task ProbeUntilRecoveredAsync()
    {
        var stopping = _disposed.Token;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(probeInterval, stopping).ConfigureAwait(false);
                if (await ProbeAsync(stopping).ConfigureAwait(false))
                {
                    var downFor = Stopwatch.GetElapsedTime(Interlocked.Read(ref _openedAt));
                    _open = false;
                    Log.StoreRecovered(logger, downFor.TotalSeconds);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The app is shutting down.
        }
        catch (ObjectDisposedException)
        {
            // The app is shutting down.
        }
    }
}
