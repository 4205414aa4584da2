using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TypedSessions.Purging;

/// <summary>
/// Removes expired sessions every <see cref="TypedSessionsOptions.PurgeInterval"/> on the app's
/// <see cref="TimeProvider"/>, and logs how many. A purge that fails is logged and tried again at the next interval:
/// it never stops the host. Several instances of the app may purge one store at the same moment; each store deletes
/// each expired record in one atomic step, counted only by the call that deleted it (docs/stores.md).
/// </summary>
internal sealed class SessionPurgeService(
    IServiceProvider services, IOptions<TypedSessionsOptions> options, TimeProvider time, ILoggerFactory loggerFactory) : BackgroundService
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("TypedSessions.Purge");
    private PeriodicTimer? _timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PurgeInterval is { } interval)
        {
            // Created as the host starts rather than where ExecuteAsync runs (on the thread pool): the first purge is one
            // interval after startup, also on a clock that a test moves as soon as the host has started. Ticks missed
            // while a slow purge runs are dropped, so purges never pile up behind one another.
            _timer = new PeriodicTimer(interval, time);
            Log.PurgeScheduled(_logger, interval);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is null || options.Value.PurgeInterval is not { } interval)
        {
            return;
        }

        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await PurgeAsync(interval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    private async Task PurgeAsync(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            // Resolved here rather than injected, so that a store that cannot be built fails this purge (logged) and
            // not the host's startup: an exception out of ExecuteAsync would stop the host.
            var manager = services.GetRequiredService<ISessionManager>();

            // The wait ends at shutdown even when the store does not honour the token.
            var removed = await manager.ClearExpiredAsync(stoppingToken).AsTask().WaitAsync(stoppingToken).ConfigureAwait(false);
            Log.ExpiredSessionsPurged(_logger, removed > 0 ? LogLevel.Information : LogLevel.Debug, removed);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            Log.PurgeFailed(_logger, interval, exception);
        }
    }
}
