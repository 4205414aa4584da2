using System.Net.Http.Headers;

namespace TypedSessions.Testing;

/// <summary>
/// One browser against a TestServer app: it keeps the cookies responses set (and drops those they delete) and sends
/// them back, so a test reads each Set-Cookie exactly while the client behaves as a browser would.
/// </summary>
public sealed class CookieJarClient(HttpClient client)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    public void SetCookie(string name, string value) => _cookies[name] = value;

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<HttpResponseMessage> PostAsync(string path) => SendAsync(HttpMethod.Post, path);

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}.");
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, path);
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(pair => $"{pair.Key}={pair.Value}")));
        }

        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("TestBrowser", "1.0"));
        var response = await client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var nameValue = header.Split(';')[0];
            var name = nameValue[..nameValue.IndexOf('=')];
            var value = nameValue[(name.Length + 1)..];
            var deleted = value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
            if (deleted)
            {
                _cookies.Remove(name);
            }
            else
            {
                _cookies[name] = value;
            }
        }

        return response;
    }
}
