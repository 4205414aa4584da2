using System.Data.Common;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using TypedSessions.Diagnostics;
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

    // A probe is a read of a record that does not exist: a store that cannot answer it within this long is not
    // serving sessions. Recovery is noticed within this long too, and clients are told to retry after it.
    private static readonly TimeSpan MaxProbeInterval = TimeSpan.FromSeconds(1);

    private readonly ISessionRecordStore _store;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;

    public GuardedSessionStore(ISessionRecordStore store, TimeSpan timeout, ILogger logger, SessionMetrics metrics)
    {
        _store = store;
        Telemetry = new StoreTelemetry(SessionStoreDescription.For(store), metrics);
        _timeout = timeout;
        _logger = logger;
        var probeInterval = timeout < MaxProbeInterval ? timeout : MaxProbeInterval;

        // A cached store is up while its durable store is: a hung cache (which the cached store gets past, logged)
        // must not make every probe time out and take sessions down.
        var probed = store is Stores.Cached.CachedSessionRecordStore cached ? cached.Durable : store;
        Breaker = new StoreCircuitBreaker(
            async cancellationToken => await probed.LoadAsync(ProbeRecordId, cancellationToken).ConfigureAwait(false),
            probeTimeout: probeInterval,
            probeInterval,
            logger);
    }

    public ISessionRecordStore Store => _store;

    public StoreCircuitBreaker Breaker { get; }

    /// <summary>Where every call is timed, counted when it fails, and traced.</summary>
    public StoreTelemetry Telemetry { get; }

    /// <summary>
    /// Runs <paramref name="call"/> with a token that is cancelled after the store timeout, and stops waiting for it
    /// then even if the store ignores the token. <paramref name="cancellationToken"/> is the caller's own: its
    /// cancellation is passed through as <see cref="OperationCanceledException"/>, never counted against the store.
    /// </summary>
    /// <remarks>
    /// A failed call does not by itself mean the store is down: one slow save of a busy session, or bad data, must not
    /// fail everyone else's requests. The shared probe decides, and opens the breaker when the store does not answer
    /// it. A call that timed out does not wait for the probe (its caller has waited long enough); one that threw waits
    /// for it only as long as its own timeout had left, so that a store error it answers is reported as the error it is.
    /// </remarks>
    public ValueTask<StoreCallResult<T>> CallAsync<T>(
        StoreOperation operation, Func<ISessionRecordStore, CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
        => CallAsync(operation, call, static (store, call, token) => call(store, token), cancellationToken);

    /// <inheritdoc cref="CallAsync{T}(StoreOperation, Func{ISessionRecordStore, CancellationToken, ValueTask{T}}, CancellationToken)"/>
    /// <remarks>The state form lets a hot path pass its argument without allocating a closure.</remarks>
    public async ValueTask<StoreCallResult<T>> CallAsync<TState, T>(
        StoreOperation operation, TState state, Func<ISessionRecordStore, TState, CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        if (Breaker.IsOpen)
        {
            Telemetry.Refused(operation);
            return StoreCallResult<T>.Failed(StoreFailure.Unavailable, null);
        }

        var measured = Telemetry.Start(operation);
        var started = measured.Started;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var pending = call(_store, state, timeout.Token);
            if (pending.IsCompletedSuccessfully)
            {
                // An in-memory store answers at once: no timer to arm, no task to wait on.
                var answer = pending.Result;
                Telemetry.Succeeded(measured);
                return StoreCallResult<T>.Success(answer);
            }

            var remaining = _timeout - Stopwatch.GetElapsedTime(started);
            remaining = remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
            timeout.CancelAfter(remaining);
            var value = await pending.AsTask().WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
            Telemetry.Succeeded(measured);
            return StoreCallResult<T>.Success(value);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            StoreTelemetry.Abandoned(measured);
            throw;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            Telemetry.Failed(measured, StoreTelemetry.Timeout);
            _ = Breaker.CheckAsync();
            return StoreCallResult<T>.Failed(StoreFailure.TimedOut, exception);
        }
        catch (Exception exception)
        {
            Telemetry.Failed(measured, StoreTelemetry.ErrorTypeOf(exception));

            // A store that answers the probe makes the failure this call's own, which does not take the store down for
            // everyone: a broken connection (the store restarted or failed over, and the pool handed out a connection
            // to the old server) still fails the request as an outage would; anything else (bad data, a bug)
            // propagates as the error it is.
            var storeAnswers = await AnswersWithinAsync(Breaker.CheckAsync(), _timeout - Stopwatch.GetElapsedTime(started)).ConfigureAwait(false);
            if (storeAnswers && !IsConnectionFailure(exception))
            {
                ExceptionDispatchInfo.Throw(exception);
            }

            if (storeAnswers)
            {
                Log.StoreConnectionFailed(_logger, exception);
            }

            // Only a refused connection is known not to have carried the call: any other call that failed may have
            // reached the store, and a write may have been applied before its answer was lost (a crash right after a
            // commit, say).
            return StoreCallResult<T>.Failed(IsRefused(exception) ? StoreFailure.Unavailable : StoreFailure.FailedInFlight, exception);
        }
    }

    public ValueTask<StoreCallResult<T>> CallAsync<T>(StoreOperation operation, Func<ISessionRecordStore, CancellationToken, ValueTask<T>> call)
        => CallAsync(operation, call, CancellationToken.None);

    // How drivers report a connection the server closed or reset: an I/O error somewhere in the chain, or a
    // DbException that calls itself transient (Npgsql's "Exception while reading from stream", for one).
    private static bool IsConnectionFailure(Exception exception)
        => InChain(exception, static current => current is IOException or SocketException or DbException { IsTransient: true });

    private static bool IsRefused(Exception exception)
        => InChain(exception, static current => current is SocketException { SocketErrorCode: SocketError.ConnectionRefused });

    private static bool InChain(Exception exception, Func<Exception, bool> predicate)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (predicate(current))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<bool> AnswersWithinAsync(Task<bool> check, TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            return await check.WaitAsync(remaining).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose() => Breaker.Dispose();
}
