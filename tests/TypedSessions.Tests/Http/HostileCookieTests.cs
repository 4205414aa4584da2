using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Http;

/// <summary>
/// Hostile session cookies over HTTP, on each kind of store: each reads as a fresh session, a write gets a new key and
/// never the client's, and the cookie is deleted where Django deletes it (a malformed key always, as Django drops it
/// before the session is used; an unknown key once the session is loaded and found empty).
/// </summary>
public abstract class HostileCookieTests : IAsyncLifetime
{
    protected SessionTestServer Server { get; private set; } = null!;

    /// <summary>A value of this store's key shape that it never issued.</summary>
    protected abstract string NeverIssuedKey { get; }

    /// <summary>Ten kilobytes of what the store's keys are made of.</summary>
    protected abstract string TenKilobyteValue { get; }

    public async Task InitializeAsync() => Server = await SessionTestServer.StartAsync(
        app =>
        {
            app.MapGet("/nothing", () => "ok");
            app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<string>("name") ?? "none");
            app.MapGet("/write", async (HttpContext context) =>
            {
                (await context.GetSessionAsync()).Set("name", "ada");
                return "ok";
            });
        },
        services: AddStore);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Registers the store under test over the test server's recording memory store, or leaves it.</summary>
    protected abstract void AddStore(IServiceCollection services);

    [Fact]
    public Task Empty_value_is_a_fresh_session_and_is_deleted() => AssertFreshSessionAsync("sessionid=", malformed: true);

    [Fact]
    public Task Ten_kilobyte_value_is_a_fresh_session_and_is_deleted() => AssertFreshSessionAsync($"sessionid={TenKilobyteValue}", malformed: true);

    [Fact]
    public Task Non_ascii_value_is_a_fresh_session_and_is_deleted() => AssertFreshSessionAsync($"sessionid={NeverIssuedKey[..^1]}é", malformed: true);

    [Fact]
    public Task Control_characters_are_a_fresh_session_and_are_deleted() => AssertFreshSessionAsync($"sessionid={NeverIssuedKey[..^2]}\u0001\u007f", malformed: true);

    [Fact]
    public Task Never_issued_well_formed_key_is_a_fresh_session_and_is_deleted_once_looked_up() => AssertFreshSessionAsync($"sessionid={NeverIssuedKey}", malformed: false);

    [Fact]
    public Task Two_session_cookies_neither_issued_are_a_fresh_session_and_are_deleted()
        => AssertFreshSessionAsync($"sessionid={NeverIssuedKey}; sessionid={NeverIssuedKey[..^1]}x", malformed: false);

    /// <summary>
    /// Reads, writes and ignores the session with <paramref name="cookieHeader"/>. An endpoint that never uses the session
    /// deletes a malformed cookie too (Django's <c>is_empty()</c> is true for an invalid key without loading), but cannot
    /// know a well-formed key is unknown without a lookup it never makes.
    /// </summary>
    private async Task AssertFreshSessionAsync(string cookieHeader, bool malformed)
    {
        var read = await Server.GetAsync("/read", cookieHeader);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("none", await read.Content.ReadAsStringAsync());
        Assert.Equal([DeletedCookie], read.SetCookies());
        Assert.Equal(["Cookie"], read.Vary());

        var write = await Server.GetAsync("/write", cookieHeader);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        var key = write.SessionKey();
        Assert.DoesNotContain(key, cookieHeader, StringComparison.Ordinal);
        Assert.Equal("ada", await (await Server.GetAsync("/read", $"sessionid={key}")).Content.ReadAsStringAsync());

        var untouched = await Server.GetAsync("/nothing", cookieHeader);
        Assert.Equal(HttpStatusCode.OK, untouched.StatusCode);
        Assert.Equal(malformed ? [DeletedCookie] : [], untouched.SetCookies());
    }
}
