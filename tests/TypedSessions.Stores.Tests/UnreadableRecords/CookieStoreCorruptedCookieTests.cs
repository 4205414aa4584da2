using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores.Cookie;
using TypedSessions.Stores.Tests.EndToEnd;

namespace TypedSessions.Stores.Tests.UnreadableRecords;

/// <summary>
/// The conformance suite's corrupted-data tests, for the cookie store, which cannot join that suite: it keeps no record
/// on the server, and its record id is the sealed cookie itself. A cookie changed in transit, cut short, or sealed by
/// this app around bytes that are no record is read without throwing, opens an empty session over HTTP, is deleted,
/// and the next save issues a fresh cookie holding only the new data.
/// </summary>
public sealed class CookieStoreCorruptedCookieTests : IAsyncLifetime
{
    private SessionTestApp _app = null!;

    public static TheoryData<string> Damages => ["tampered", "truncated", "sealed garbage"];

    public async Task InitializeAsync() => _app = await SessionTestApp.StartAsync(builder => builder.AddCookieStore());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Damaged_cookie_reads_as_an_empty_session_and_is_deleted(string damage)
    {
        var cookie = Damage(await _app.StartSessionAsync("count", 7), damage);

        using var read = await _app.SendAsync(HttpMethod.Get, "/keys", cookie);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("[]", await read.Content.ReadAsStringAsync());
        var deleted = Assert.Single(read.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("sessionid=;", deleted);
        Assert.Contains("max-age=0", deleted);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task Damaged_cookie_is_replaced_by_the_next_save_with_only_the_new_data(string damage)
    {
        var cookie = Damage(await _app.StartSessionAsync("count", 7), damage);

        using var write = await _app.SendAsync(HttpMethod.Post, "/set/other/8", cookie);

        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        var fresh = Assert.Single(write.Headers.GetValues("Set-Cookie")).Split(';')[0];
        Assert.NotEqual(cookie, fresh);
        Assert.Equal(["other"], await _app.KeysAsync(fresh));
    }

    [Theory]
    [InlineData("tampered", false)]
    [InlineData("truncated", false)]
    [InlineData("sealed garbage", true)]
    public async Task The_store_loads_a_damaged_cookie_without_throwing(string damage, bool unreadable)
    {
        var cookie = Damage(await _app.StartSessionAsync("count", 7), damage);
        var store = _app.Services.GetRequiredService<ISessionRecordStore>();

        var loaded = await store.LoadAsync(cookie["sessionid=".Length..]);

        // A cookie this app did not seal as sent is anyone's guess, so not found; one it sealed that holds no record is unreadable.
        Assert.False(loaded.IsFound);
        Assert.Equal(unreadable, loaded.IsUnreadable);
    }

    private string Damage(string cookie, string damage)
    {
        var value = cookie["sessionid=".Length..];
        var damaged = damage switch
        {
            "tampered" => value[..40] + (value[40] == 'A' ? 'B' : 'A') + value[41..],
            "truncated" => value[..^8],
            _ => _app.Services.GetRequiredService<CookieSessionSeal>().SealEnvelope("not json"u8.ToArray()),
        };
        return "sessionid=" + damaged;
    }
}
