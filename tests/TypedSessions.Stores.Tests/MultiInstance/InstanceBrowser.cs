using System.Globalization;
using System.Net.Http.Json;

namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>
/// One browser in front of <see cref="AppInstances"/>: one cookie jar (<see cref="CookieJarClient"/>), its requests
/// spread over the instances in turn. Concurrent requests (several tabs) go out together through
/// <see cref="SendTogetherAsync"/> with the cookies the jar holds, and leave the jar as it was.
/// </summary>
public sealed class InstanceBrowser : IDisposable
{
    private readonly AppInstances _instances;
    private readonly RoundRobinHandler _balancer;
    private readonly HttpClient _client;

    // Concurrent requests bypass the jar (it is not thread-safe) and name their instance themselves.
    private readonly HttpClient _direct = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });

    internal InstanceBrowser(AppInstances instances)
    {
        _instances = instances;
        _balancer = new RoundRobinHandler(instances);
        _client = new HttpClient(_balancer) { BaseAddress = new Uri("http://app.invalid/") };
        Jar = new CookieJarClient(_client);
    }

    public CookieJarClient Jar { get; }

    /// <summary>The session cookie's value, or null when the jar has none.</summary>
    public string? SessionCookie => Jar.Cookie(_instances.SessionCookieName);

    /// <summary>Sends one request to the next instance in turn.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path) => Jar.SendAsync(method, path);

    /// <summary>Sends one request to <paramref name="instance"/>.</summary>
    public Task<HttpResponseMessage> SendToAsync(int instance, HttpMethod method, string path)
    {
        _balancer.SendNextTo(instance);
        return Jar.SendAsync(method, path);
    }

    /// <summary>The session's keys, as <paramref name="instance"/> reads them.</summary>
    public async Task<string[]> KeysOnAsync(int instance)
    {
        using var response = await SendToAsync(instance, HttpMethod.Get, "/keys");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<string[]>())!;
    }

    /// <summary>
    /// Sends the requests together, after one start signal, each to the instance <paramref name="instanceOf"/> names
    /// (the next in turn when null), with the cookies the jar holds now.
    /// </summary>
    public async Task<InstanceResponse[]> SendTogetherAsync(HttpMethod method, IReadOnlyList<string> paths, Func<int, int>? instanceOf = null)
    {
        var cookies = string.Join("; ", Jar.Cookies.Select(pair => $"{pair.Key}={pair.Value}"));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = paths.Select((path, i) =>
        {
            var instance = instanceOf?.Invoke(i) ?? _instances.NextInstance();
            return Task.Run(async () =>
            {
                await start.Task;
                using var request = new HttpRequestMessage(method, new Uri(_instances.Instances[instance].BaseAddress, path));
                request.Headers.Add("Cookie", cookies);
                using var response = await _direct.SendAsync(request);
                return new InstanceResponse(response.StatusCode, instance, await response.Content.ReadAsStringAsync());
            });
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(requests);
    }

    /// <summary>
    /// The instance that served <paramref name="response"/>, or -1 for a failure response, which the library writes
    /// afresh (without the app's headers).
    /// </summary>
    public static int ServedBy(HttpResponseMessage response)
        => response.Headers.TryGetValues(MultiInstanceApp.InstanceHeader, out var values) ? int.Parse(values.Single(), CultureInfo.InvariantCulture) : -1;

    public void Dispose()
    {
        _client.Dispose();
        _direct.Dispose();
    }
}
