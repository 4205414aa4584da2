using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Http;

/// <summary>
/// <see cref="TypedSessionsOptions.AbsoluteLifetime"/>: a maximum age from creation that no activity extends (OWASP).
/// The expiry written and the cookie's Max-Age never pass it; once reached, the session reads as empty and its
/// record is deleted.
/// </summary>
public sealed class AbsoluteLifetimeTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await DecisionTableTests.StartAsync(options => options.AbsoluteLifetime = Limit);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_new_session_gets_a_cookie_and_expiry_no_later_than_the_limit()
    {
        var now = _server.Time.GetUtcNow();

        var response = await _server.GetAsync("/write");

        var key = response.SessionKey();
        Assert.Equal([ExpectedCookie(key, now, maxAgeSeconds: 3_600)], response.SetCookies());
        Assert.Equal(now + Limit, (await _server.Store.LoadRecordAsync(_server.Store.RecordIds.Single()))!.ExpiresAt);
    }

    [Fact]
    public async Task Saves_during_the_hour_count_down_to_the_same_deadline()
    {
        var created = _server.Time.GetUtcNow();
        var key = (await _server.GetAsync("/write")).SessionKey();
        _server.Time.Advance(TimeSpan.FromMinutes(40));
        _server.Store.Reset();

        var response = await _server.GetAsync("/delete-name", $"sessionid={key}");

        Assert.Equal([ExpectedCookie(key, _server.Time.GetUtcNow(), maxAgeSeconds: 1_200)], response.SetCookies());
        Assert.Equal(created + Limit, (await _server.Store.LoadRecordAsync(_server.Store.RecordIds.Last()))!.ExpiresAt);
    }

    [Fact]
    public async Task Reads_never_slide_past_the_deadline()
    {
        var key = (await _server.GetAsync("/write")).SessionKey();
        _server.Store.Reset();

        // Sliding refresh would touch past half the lifetime; the stored expiry already sits at the deadline.
        for (var minute = 10; minute < 60; minute += 10)
        {
            _server.Time.Advance(TimeSpan.FromMinutes(10));
            var response = await _server.GetAsync("/read", $"sessionid={key}");
            Assert.Equal("ada", await response.Content.ReadAsStringAsync());
            Assert.Empty(response.SetCookies());
        }

        Assert.DoesNotContain("Touch", _server.Store.Calls);
    }

    [Fact]
    public async Task A_session_past_the_limit_reads_as_empty_its_record_is_deleted_and_its_cookie_too()
    {
        // Stored before the limit was configured: two hours old, and its own expiry still two weeks away.
        const string Key = "abcdefghijklmnopqrstuvwxyz012345";
        var recordId = _server.Services.GetRequiredService<ISessionKeyScheme>().ToRecordId(Key);
        var now = _server.Time.GetUtcNow();
        var values = new Dictionary<string, string> { ["name"] = "\"ada\"" };
        await _server.Store.Inner.CreateAsync(recordId, new SessionRecord(values, now.AddDays(14)) { CreatedAt = now.AddHours(-2), LastSavedAt = now.AddHours(-2) });

        var response = await _server.GetAsync("/read", $"sessionid={Key}");

        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.Equal([DeletedCookie], response.SetCookies());
        Assert.Equal(["Load", "Delete"], _server.Store.Calls);
        Assert.False(await _server.Store.Inner.ExistsAsync(recordId));
        Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "AbsoluteLifetimeReached");
    }

    [Fact]
    public async Task A_record_without_a_creation_time_counts_as_ended_since_its_age_cannot_be_bounded()
    {
        const string Key = "legacy0000000000000000000000000a";
        var recordId = _server.Services.GetRequiredService<ISessionKeyScheme>().ToRecordId(Key);
        var values = new Dictionary<string, string> { ["name"] = "\"ada\"" };
        await _server.Store.Inner.CreateAsync(recordId, new SessionRecord(values, _server.Time.GetUtcNow().AddDays(14)));

        var response = await _server.GetAsync("/read", $"sessionid={Key}");

        Assert.Equal("none", await response.Content.ReadAsStringAsync());
        Assert.Equal(["Load", "Delete"], _server.Store.Calls);
    }

    [Fact]
    public async Task A_creation_time_at_the_end_of_the_calendar_neither_ends_the_session_nor_fails_its_saves()
    {
        const string Key = "farfuture000000000000000000000aa";
        var recordId = _server.Services.GetRequiredService<ISessionKeyScheme>().ToRecordId(Key);
        var values = new Dictionary<string, string> { ["name"] = "\"ada\"" };
        await _server.Store.Inner.CreateAsync(recordId, new SessionRecord(values, _server.Time.GetUtcNow().AddDays(1)) { CreatedAt = DateTimeOffset.MaxValue.AddDays(-1) });

        var read = await _server.GetAsync("/read", $"sessionid={Key}");
        var write = await _server.GetAsync("/delete-name", $"sessionid={Key}");

        Assert.Equal("ada", await read.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, write.StatusCode);
    }

    [Fact]
    public async Task An_ended_session_in_the_first_cookie_is_deleted_and_the_next_cookie_s_live_session_is_used()
    {
        const string Ended = "ended00000000000000000000000000a";
        var endedId = _server.Services.GetRequiredService<ISessionKeyScheme>().ToRecordId(Ended);
        var now = _server.Time.GetUtcNow();
        await _server.Store.Inner.CreateAsync(endedId, new SessionRecord(new Dictionary<string, string> { ["name"] = "\"old\"" }, now.AddDays(14)) { CreatedAt = now.AddHours(-2) });
        var live = (await _server.GetAsync("/write")).SessionKey();
        _server.Store.Reset();

        var response = await _server.GetAsync("/read", $"sessionid={Ended}; sessionid={live}");

        Assert.Equal("ada", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        Assert.False(await _server.Store.Inner.ExistsAsync(endedId));
    }

    [Fact]
    public async Task A_write_after_the_limit_starts_a_new_session_under_a_new_key()
    {
        var key = (await _server.GetAsync("/write")).SessionKey();
        _server.Time.Advance(Limit + TimeSpan.FromSeconds(1));

        var response = await _server.GetAsync("/write", $"sessionid={key}");

        Assert.NotEqual(key, response.SessionKey());
        Assert.Equal("ada", await (await _server.GetAsync("/read", $"sessionid={response.SessionKey()}")).Content.ReadAsStringAsync());
    }
}
