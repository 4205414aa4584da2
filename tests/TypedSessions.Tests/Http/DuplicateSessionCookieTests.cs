using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Http;

/// <summary>
/// Two or more <c>sessionid</c> cookies in one request, as when a sibling subdomain plants one (cookie tossing).
/// <c>Request.Cookies</c> keeps the last, so a planted cookie listed last would sign the user out; instead each
/// well-formed value is tried in request order and the first that names a live session is used.
/// </summary>
public abstract class DuplicateSessionCookieTests : IAsyncLifetime
{
    protected SessionTestServer Server { get; private set; } = null!;

    /// <summary>A value of this store's key shape that it never issued.</summary>
    protected abstract string NeverIssuedKey { get; }

    public async Task InitializeAsync() => Server = await SessionTestServer.StartAsync(
        app => app.MapSessionNameEndpoints(),
        services: AddStore);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Registers the store under test over the test server's recording memory store, or leaves it.</summary>
    protected abstract void AddStore(IServiceCollection services);

    [Fact]
    public async Task Planted_cookie_listed_last_does_not_hide_the_users_session()
    {
        var users = await SignInAsync("ada");

        var read = await Server.GetAsync("/read", $"sessionid={users}; other=1; sessionid={NeverIssuedKey}");

        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
        Assert.Empty(read.SetCookies());
    }

    [Fact]
    public async Task Planted_cookie_listed_first_does_not_hide_the_users_session()
    {
        var users = await SignInAsync("ada");

        var read = await Server.GetAsync("/read", $"sessionid={NeverIssuedKey}; sessionid={users}");

        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
        Assert.Empty(read.SetCookies());
    }

    [Theory]
    [InlineData("sessionid=")]
    [InlineData("sessionid=not a key")]
    [InlineData("sessionid=\"quoted\"")]
    public async Task Malformed_planted_cookie_on_either_side_does_not_hide_the_users_session(string planted)
    {
        var users = await SignInAsync("ada");

        Assert.Equal("ada", await (await Server.GetAsync("/read", $"{planted}; sessionid={users}")).Content.ReadAsStringAsync());
        Assert.Equal("ada", await (await Server.GetAsync("/read", $"sessionid={users}; {planted}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Write_with_a_planted_cookie_saves_into_the_users_session_and_sends_its_key()
    {
        var users = await SignInAsync("ada");

        var write = await Server.GetAsync($"/write/grace", $"sessionid={users}; sessionid={NeverIssuedKey}");

        var sent = write.SessionKey();
        Assert.NotEqual(NeverIssuedKey, sent);
        Assert.Equal("grace", await (await Server.GetAsync("/read", $"sessionid={sent}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Cookie_headers_split_into_several_fields_are_read_in_order()
    {
        var users = await SignInAsync("ada");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/read");
        request.Headers.TryAddWithoutValidation("Cookie", [$"sessionid={users}", $"sessionid={NeverIssuedKey}"]);

        var read = await Server.Client.SendAsync(request);

        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_name_in_another_case_is_another_cookie_and_is_not_the_session()
    {
        // Browsers keep SESSIONID apart from sessionid, and a Set-Cookie for sessionid cannot replace or delete it.
        var users = await SignInAsync("ada");

        var read = await Server.GetAsync("/read", $"SESSIONID={users}");

        Assert.Equal("none", await read.Content.ReadAsStringAsync());
        Assert.Empty(read.SetCookies());
    }

    [Fact]
    public async Task Cookies_none_of_which_is_live_are_deleted_and_a_write_gets_a_new_key()
    {
        var header = $"sessionid={NeverIssuedKey}; sessionid=junk; sessionid={NeverIssuedKey[..^1]}x";

        var read = await Server.GetAsync("/read", header);
        var write = await Server.GetAsync("/write/ada", header);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal([DeletedCookie], read.SetCookies());
        Assert.DoesNotContain(write.SessionKey(), header, StringComparison.Ordinal);
    }

    protected async Task<string> SignInAsync(string name) => (await Server.GetAsync($"/write/{name}")).SessionKey();
}
