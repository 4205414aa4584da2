using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using TypedSessions.Stores;

namespace TypedSessions.Engine;

/// <summary>
/// Every call the engine makes to the store, bounded by <see cref="TypedSessionsOptions.StoreTimeout"/> and failing
/// fast while the store is known to be down. Outcomes the store reports (not found, conflict) pass through as values;
/// only failures of the store itself become <see cref="StoreFailure"/>s.
/// </summary>
internal sealed class GuardedSessionStore : IDisposable
{
    // A record id no engine issues (record ids are SHA-256 hex); loading it touches the store and finds nothing.
    private static readonly string ProbeRecordId = new('0', 64);

    // Recovery is noticed within this long, and clients are told to retry after it.
    private static readonly TimeSpan MaxProbeInterval = TimeSpan.FromSeconds(1);

    private readonly ISessionRecordStore _store;
    private readonly TimeSpan _timeout;

    public GuardedSessionStore(ISessionRecordStore store, TimeSpan timeout, ILogger logger)
    {
        _store = store;
        _timeout = timeout;
        var probeInterval = timeout < MaxProbeInterval ? timeout : MaxProbeInterval;
        Breaker = new StoreCircuitBreaker(
            async cancellationToken => await store.LoadAsync(ProbeRecordId, cancellationToken).ConfigureAwait(false),
            timeout,
            probeInterval,
            logger);
    }

    public ISessionRecordStore Store => _store;

    public StoreCircuitBreaker Breaker { get; }

    /// <summary>
    /// Runs <paramref name="call"/> with a token that is cancelled after the store timeout, and stops waiting for it
    /// then even if the store ignores the token. <paramref name="cancellationToken"/> is the caller's own: its
    /// cancellation is passed through as <see cref="OperationCanceledException"/>, never counted as an outage.
    /// </summary>
    public async ValueTask<StoreCallResult<T>> CallAsync<T>(Func<ISessionRecordStore, CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        if (Breaker.IsOpen)
        {
            return StoreCallResult<T>.Failed(StoreFailure.Unavailable, null);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            var value = await call(_store, timeout.Token).AsTask().WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            return StoreCallResult<T>.Success(value);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            Breaker.Open(exception);
            return StoreCallResult<T>.Failed(StoreFailure.TimedOut, exception);
        }
        catch (Exception exception)
        {
            // A failure the store still answers a probe after is this call's own (bad data, a bug): it propagates as
            // the error it is rather than taking the store down for everyone.
            if (await Breaker.ProbeAsync(cancellationToken).ConfigureAwait(false))
            {
                ExceptionDispatchInfo.Throw(exception);
            }

            Breaker.Open(exception);
            return StoreCallResult<T>.Failed(StoreFailure.Unavailable, exception);
        }
    }

    public ValueTask<StoreCallResult<T>> CallAsync<T>(Func<ISessionRecordStore, CancellationToken, ValueTask<T>> call)
        => CallAsync(call, CancellationToken.None);

    public void Dispose() => Breaker.Dispose();
}
