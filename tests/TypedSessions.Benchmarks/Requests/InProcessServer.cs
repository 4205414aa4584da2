using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace TypedSessions.Benchmarks.Requests;

/// <summary>
/// A server that listens nowhere: the host hands it the application (the whole middleware pipeline, with hosting's own
/// per-request work), and <see cref="Connect"/> gives a connection that runs requests through it in process.
/// </summary>
internal sealed class InProcessServer : IServer
{
    private Func<InProcessConnection>? _connect;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _connect = () => new InProcessConnection<TContext>(application);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A new connection; its requests run one after another, reusing one context as Kestrel's do.</summary>
    public InProcessConnection Connect() => (_connect ?? throw new InvalidOperationException("The host has not started the server."))();

    public void Dispose()
    {
    }
}
