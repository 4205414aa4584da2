using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TypedSessions.Diagnostics;
using TypedSessions.Stores;

namespace TypedSessions.HealthChecks;

/// <summary>
/// Whether the session store answers: the store's own probe (<see cref="ISessionStoreHealthProbe"/>: Redis
/// <c>PING</c>, SQL <c>SELECT 1</c>) or a load of a record id no session has, within a timeout. Registered by
/// <c>AddTypedSessionsStore()</c>.
/// </summary>
/// <remarks>
/// The description names the store and what went wrong (a timeout, or the exception's type), never its message, a
/// connection string or a host's credentials: health endpoints are often public. The exception itself is attached to
/// the result, for publishers and logs.
/// </remarks>
internal sealed class SessionStoreHealthCheck(ISessionRecordStore store, IOptions<TypedSessionsOptions> options, TimeSpan? timeout) : IHealthCheck
{
    private readonly string _storeName = SessionStoreDescription.For(store).Name;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? options.Value.StoreTimeout;
        var data = new Dictionary<string, object> { [StoreTelemetry.StoreTag] = _storeName };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // WaitAsync as well as the token: a store that ignores cancellation still cannot hold the check up.
            await SessionStoreHealth.PingAsync(store, deadline.Token).AsTask().WaitAsync(limit, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"The session store ({_storeName}) did not answer within {Describe(limit)}.",
                exception,
                data);
        }
        catch (Exception exception)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"The session store ({_storeName}) failed: {exception.GetType().FullName}.",
                exception,
                data);
        }

        return HealthCheckResult.Healthy($"The session store ({_storeName}) answered in {Describe(Stopwatch.GetElapsedTime(started))}.", data);
    }

    private static string Describe(TimeSpan duration)
        => duration.TotalSeconds >= 1
            ? duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
            : duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
