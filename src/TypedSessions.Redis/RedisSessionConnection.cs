using System.Net;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace TypedSessions.Redis;

/// <summary>
/// The store's multiplexer: either one the application shares (never closed here), or one the store opens from a
/// configuration string on first use, asynchronously, and closes when disposed. A failed connect is not remembered,
/// so the next call tries again.
/// </summary>
internal sealed class RedisSessionConnection : IAsyncDisposable, IDisposable
{
    private readonly string? _configuration;
    private readonly ILogger? _logger;
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private volatile IConnectionMultiplexer? _multiplexer;
    private volatile bool _disposed;

    private RedisSessionConnection(IConnectionMultiplexer? shared, string? configuration, ILogger? logger)
    {
        _multiplexer = shared;
        _configuration = configuration;
        _logger = logger;
    }

    /// <summary>Whether the multiplexer was opened here and is closed with this object.</summary>
    public bool OwnsMultiplexer => _configuration is not null;

    /// <summary>
    /// The servers this connection talks to and the database a negative index means, from the shared multiplexer or the
    /// configuration string, without connecting; no servers when the configuration cannot be read. Never the password.
    /// </summary>
    public (IReadOnlyList<EndPoint> EndPoints, int DefaultDatabase) Target
    {
        get
        {
            try
            {
                var options = ConfigurationOptions.Parse(_multiplexer?.Configuration ?? _configuration!);
                return ([.. options.EndPoints], options.DefaultDatabase ?? 0);
            }
            catch (ArgumentException)
            {
                return ([], 0);
            }
        }
    }

    public static RedisSessionConnection Share(IConnectionMultiplexer multiplexer) => new(multiplexer, null, null);

    public static RedisSessionConnection Open(string configuration, ILogger logger) => new(null, configuration, logger);

    public ValueTask<IConnectionMultiplexer> GetAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var multiplexer = _multiplexer;
        return multiplexer is not null ? ValueTask.FromResult(multiplexer) : ConnectAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (OwnsMultiplexer && _multiplexer is { } multiplexer)
        {
            await multiplexer.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (OwnsMultiplexer)
        {
            _multiplexer?.Dispose();
        }
    }

    private async ValueTask<IConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        await _connectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_multiplexer is { } connected)
            {
                return connected;
            }

            var multiplexer = await ConnectionMultiplexer.ConnectAsync(_configuration!).ConfigureAwait(false);
            if (_disposed)
            {
                // Disposed while connecting: nobody else will close this one.
                await multiplexer.DisposeAsync().ConfigureAwait(false);
                throw new ObjectDisposedException(nameof(RedisSessionConnection));
            }

            Log.Connected(_logger!, string.Join(", ", multiplexer.GetEndPoints().Select(endPoint => endPoint.ToString())));
            _multiplexer = multiplexer;
            return multiplexer;
        }
        finally
        {
            _connectGate.Release();
        }
    }
}
