namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>
/// A load balancer without sticky sessions, as one browser sees it: each request goes to the next instance of the
/// deployment's sequence, unless the test names the instance for the next one (to say "on the other instance").
/// </summary>
internal sealed class RoundRobinHandler(AppInstances instances)
    : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
{
    private const int None = -1;

    private int _pinned = None;

    /// <summary>Sends the next request to <paramref name="instance"/>; later ones follow the sequence again.</summary>
    public void SendNextTo(int instance) => _pinned = instance;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var pinned = Interlocked.Exchange(ref _pinned, None);
        var instance = pinned == None ? instances.NextInstance() : pinned;
        request.RequestUri = new Uri(instances.Instances[instance].BaseAddress, request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
