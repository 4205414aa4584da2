using System.Data.Common;
using System.Net.Sockets;
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
    private readonly ILogger _logger;

    public GuardedSessionStore(ISessionRecordStore store, TimeSpan timeout, ILogger logger)
    {
        _store = store;
        _timeout = timeout;
        _logger = logger;
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
            // A store that does not answer a probe either is down. One that does makes the failure this call's own,
            // which does not take the store down for everyone: a broken connection (the store restarted or failed
            // over, and the pool handed out a connection to the old server) still fails the request as an outage
            // would (503); anything else (bad data, a bug) propagates as the error it is.
            var storeAnswers = await Breaker.ProbeAsync(cancellationToken).ConfigureAwait(false);
            if (storeAnswers && !IsConnectionFailure(exception))
            {
                ExceptionDispatchInfo.Throw(exception);
            }

            if (storeAnswers)
            {
                Log.StoreConnectionFailed(_logger, exception);
            }
            else
            {
                Breaker.Open(exception);
            }

            // Only a refused connection is known not to have carried the call: any other call that failed may have
            // reached the store, and a write may have been applied before its answer was lost (a crash right after a
            // commit, say).
            return StoreCallResult<T>.Failed(IsRefused(exception) ? StoreFailure.Unavailable : StoreFailure.FailedInFlight, exception);
        }
    }

    public ValueTask<StoreCallResult<T>> CallAsync<T>(Func<ISessionRecordStore, CancellationToken, ValueTask<T>> call)
        => CallAsync(call, CancellationToken.None);

    public void Dispose() => Breaker.Dispose();

    // How drivers report a connection the server closed or reset: an I/O error somewhere in the chain, or a
    // DbException that calls itself transient (Npgsql's "Exception while reading from stream", for one).
    private static bool IsConnectionFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is IOException or SocketException or DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsRefused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return true;
            }
        }

        return false;
    }
}
