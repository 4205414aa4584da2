using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// Hostile session cookies as bytes on a keep-alive connection to a real Kestrel server: duplicates (cookie tossing)
/// find the user's session in either order, whether in one Cookie field or several; an oversized, empty, non-ASCII or
/// control-character cookie, or one never issued, is a fresh session, deleted, never adopted; the connection stays usable.
/// </summary>
public abstract class HostileCookieWireTests : IAsyncLifetime
{
    private const string DeletedCookie = "sessionid=; expires=Thu, 01 Jan 1970 00:00:00 GMT; max-age=0; path=/; samesite=lax; httponly";

    private KestrelTestApp _app = null!;
    private RawHttpConnection _connection = null!;

    /// <summary>A value of this store's key shape that it never issued.</summary>
    protected abstract string NeverIssuedKey { get; }

    /// <summary>Ten kilobytes of what the store's keys are made of.</summary>
    protected abstract string TenKilobyteValue { get; }

    public async Task InitializeAsync()
    {
        _app = await KestrelTestApp.StartAsync(AddStore, app => app.MapSessionNameEndpoints());
        _connection = await _app.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _app.DisposeAsync();
    }

    protected abstract void AddStore(TypedSessionsBuilder builder);

    [Fact]
    public async Task Planted_duplicate_in_one_Cookie_field_does_not_hide_the_users_session_in_either_order()
    {
        var users = await SignInAsync();

        var plantedLast = await ReadAsync(("Cookie", $"sessionid={users}; sessionid={NeverIssuedKey}"));
        var plantedFirst = await ReadAsync(("Cookie", $"sessionid={NeverIssuedKey}; sessionid={users}"));

        Assert.Equal("ada", plantedLast.BodyText);
        Assert.Empty(plantedLast.GetValues("Set-Cookie"));
        Assert.Equal("ada", plantedFirst.BodyText);
        Assert.Empty(plantedFirst.GetValues("Set-Cookie"));
    }

    [Fact]
    public async Task Planted_duplicate_in_a_second_Cookie_field_does_not_hide_the_users_session_in_either_order()
    {
        var users = await SignInAsync();

        var plantedLast = await ReadAsync(("Cookie", $"sessionid={users}"), ("Cookie", $"sessionid={NeverIssuedKey}"));
        var plantedFirst = await ReadAsync(("Cookie", $"sessionid={NeverIssuedKey}"), ("Cookie", $"sessionid={users}"));

        Assert.Equal("ada", plantedLast.BodyText);
        Assert.Equal("ada", plantedFirst.BodyText);
    }

    [Fact]
    public async Task Ten_kilobyte_cookie_is_a_fresh_session_is_deleted_and_the_connection_stays_usable()
        => await AssertFreshSessionAsync($"sessionid={TenKilobyteValue}");

    [Fact]
    public async Task Oversized_duplicate_before_the_users_cookie_does_not_hide_it()
    {
        var users = await SignInAsync();

        var read = await ReadAsync(("Cookie", $"sessionid={TenKilobyteValue}; sessionid={users}"));

        Assert.Equal("ada", read.BodyText);
    }

    [Fact]
    public async Task Empty_cookie_is_a_fresh_session_and_is_deleted() => await AssertFreshSessionAsync("sessionid=");

    [Fact]
    public async Task Non_ascii_cookie_sent_as_UTF_8_is_a_fresh_session_and_is_deleted()
        => await AssertFreshSessionAsync(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes($"sessionid={NeverIssuedKey[..^4]}ключ")));

    [Fact]
    public async Task Control_characters_Kestrel_lets_through_are_a_fresh_session_and_are_deleted()
        => await AssertFreshSessionAsync($"sessionid={NeverIssuedKey[..^3]}\u0001\t\u007f");

    [Fact]
    public async Task Never_issued_well_formed_key_is_a_fresh_session_and_is_deleted()
        => await AssertFreshSessionAsync($"sessionid={NeverIssuedKey}");

    [Fact]
    public async Task A_NUL_in_the_Cookie_field_is_refused_by_Kestrel_before_the_session_sees_it()
    {
        var response = await ReadAsync(("Cookie", $"sessionid={NeverIssuedKey[..^1]}\0"));

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(response.GetValues("Set-Cookie"));
    }

    // Read, then write, on the one connection: a fresh session each time, the cookie deleted, then a key never the client's.
    private async Task AssertFreshSessionAsync(string cookieField)
    {
        var read = await ReadAsync(("Cookie", cookieField));
        var write = await _connection.SendAsync("GET", "/write/grace", [("Cookie", cookieField)]);
        var key = SessionKey(write);
        var next = await ReadAsync(("Cookie", $"sessionid={key}"));
        await _connection.AssertNoStrayBytesAsync(TimeSpan.FromMilliseconds(100));

        Assert.Equal(200, read.StatusCode);
        Assert.Equal("none", read.BodyText);
        Assert.Equal([DeletedCookie], read.GetValues("Set-Cookie"));
        Assert.Equal("Cookie", read.GetValue("Vary"));
        Assert.Equal(200, write.StatusCode);
        Assert.DoesNotContain(key, cookieField, StringComparison.Ordinal);
        Assert.Equal("grace", next.BodyText);
        Assert.False(_connection.ServerClosed);
    }

    private async Task<string> SignInAsync() => SessionKey(await _connection.SendAsync("GET", "/write/ada"));

    private Task<RawHttpResponse> ReadAsync(params (string Name, string Value)[] headers) => _connection.SendAsync("GET", "/read", headers);

    private static string SessionKey(RawHttpResponse response)
    {
        var cookie = Assert.Single(response.GetValues("Set-Cookie"));
        Assert.StartsWith("sessionid=", cookie);
        return cookie["sessionid=".Length..cookie.IndexOf(';')];
    }
}
