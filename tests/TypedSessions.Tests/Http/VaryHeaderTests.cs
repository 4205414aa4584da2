using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// A response that used the session varies on the cookie exactly once, beside whatever the app already varies on, in
/// whichever header and letter case the app wrote it.
/// </summary>
public sealed class VaryHeaderTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(app =>
        app.MapGet("/read", async (HttpContext context, string? vary) =>
        {
            foreach (var value in vary?.Split('|') ?? [])
            {
                context.Response.Headers.Append("Vary", value);
            }

            return (await context.GetSessionAsync()).Get<string>("name") ?? "none";
        }));

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("Accept-Encoding", new[] { "Accept-Encoding", "Cookie" })]
    [InlineData("Accept-Encoding, Cookie", new[] { "Accept-Encoding", "Cookie" })]
    [InlineData("Cookie,Accept-Encoding", new[] { "Cookie", "Accept-Encoding" })]
    [InlineData("Accept-Encoding|cookie", new[] { "Accept-Encoding", "cookie" })]
    [InlineData("Accept-Language|Accept-Encoding", new[] { "Accept-Language", "Accept-Encoding", "Cookie" })]
    [InlineData("Cookies", new[] { "Cookies", "Cookie" })]
    public async Task Cookie_is_added_to_the_apps_vary_once(string appVary, string[] expected)
    {
        var response = await _server.GetAsync($"/read?vary={Uri.EscapeDataString(appVary)}");

        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.Equal(expected, response.Vary());
    }
}
