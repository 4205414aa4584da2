using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace TypedSessions.Tests.Samples;

/// <summary>
/// A tiny browser over the sample: keeps cookies from Set-Cookie headers, follows redirects and posts forms with
/// their antiforgery token, so tests can see every cookie change.
/// </summary>
public sealed partial class ShopBrowser(HttpClient client)
{
    // One browser's cookie jar, shared by its tabs (NewTab), which may send requests at the same time.
    private ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public bool SendsCookies { get; set; } = true;

    /// <summary>The <c>User-Agent</c> header this browser sends, if any.</summary>
    public string? UserAgent { get; init; }

    public string? SessionCookie => _cookies.GetValueOrDefault("sessionid");

    public List<string> SessionCookieHeaders { get; } = [];

    /// <summary>Every Set-Cookie header this browser received, of any cookie, in order.</summary>
    public List<string> SetCookieHeaders { get; } = [];

    /// <summary>The value this browser holds for the cookie <paramref name="name"/>, or null.</summary>
    public string? Cookie(string name) => _cookies.GetValueOrDefault(name);

    /// <summary>Another tab of this browser: its own requests, the same cookies.</summary>
    public ShopBrowser NewTab() => new(client) { _cookies = _cookies, SendsCookies = SendsCookies, UserAgent = UserAgent };

    public async Task<string> GetAsync(string path) => await ReadAsync(await SendAsync(HttpMethod.Get, path, content: null));

    /// <summary>One GET, whatever it answers: a redirect is returned, not followed.</summary>
    public Task<HttpResponseMessage> GetWithoutRedirectAsync(string path)
        => SendAsync(HttpMethod.Get, path, content: null, expectSuccess: false, followRedirects: false);

    /// <summary>Loads <paramref name="pagePath"/>, then posts to <paramref name="action"/> with the page's antiforgery token.</summary>
    public async Task<string> PostFormAsync(string pagePath, string action, IDictionary<string, string>? fields = null)
        => await ReadAsync(await PostFormForResponseAsync(pagePath, action, fields, expectSuccess: true));

    /// <summary>As <see cref="PostFormAsync"/>, but returns the response whatever its status, for error pages.</summary>
    public async Task<HttpResponseMessage> PostFormForResponseAsync(
        string pagePath, string action, IDictionary<string, string>? fields = null, bool expectSuccess = false)
    {
        var page = await GetAsync(pagePath);
        var form = new Dictionary<string, string>(fields ?? new Dictionary<string, string>())
        {
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value,
        };
        return await SendAsync(HttpMethod.Post, action, new FormUrlEncodedContent(form), expectSuccess);
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, HttpContent? content, bool expectSuccess = true, bool followRedirects = true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        if (UserAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        if (SendsCookies && _cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(pair => $"{pair.Key}={pair.Value}")));
        }

        var response = await client.SendAsync(request);
        Remember(response);
        if (followRedirects && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther)
        {
            return await SendAsync(HttpMethod.Get, response.Headers.Location!.OriginalString, content: null);
        }

        Assert.True(!expectSuccess || response.IsSuccessStatusCode, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private void Remember(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var headers))
        {
            return;
        }

        foreach (var header in headers)
        {
            var pair = header.Split(';')[0];
            var name = pair[..pair.IndexOf('=')];
            var value = pair[(pair.IndexOf('=') + 1)..];
            SetCookieHeaders.Add(header);
            if (name == "sessionid")
            {
                SessionCookieHeaders.Add(header);
            }

            // TypedSessions deletes with max-age=0, the cookie authentication handler with an empty value dated 1970.
            if (header.Contains("max-age=0", StringComparison.OrdinalIgnoreCase) || IsDeletion(header, value))
            {
                _cookies.TryRemove(name, out _);
            }
            else
            {
                _cookies[name] = value;
            }
        }
    }

    private static bool IsDeletion(string header, string value)
        => value.Length == 0 && header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);

    private static async Task<string> ReadAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
