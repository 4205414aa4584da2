using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.HostileData;

/// <summary>
/// A session's own expiry (<see cref="Session.ExpiryKey"/>) is data like any other: a stored one beyond what a date can
/// hold is clamped when read, and one set through the API is checked at the call, so neither fails a save.
/// </summary>
public sealed class SessionExpiryBoundsTests : IAsyncLifetime
{
    // A stored number of seconds whose date is past year 9999: adding it to now overflows.
    private const long FarTooManySeconds = 99_999_999_999_999;

    private readonly SessionServices _services = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_stored_expiry_of_too_many_seconds_reads_as_the_longest_age_and_saves()
    {
        var key = await SeedAsync(FarTooManySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var session = await _services.Manager.OpenAsync(key);
        var expectedDate = _services.Time.GetUtcNow() + Session.MaxExpiryAge;

        Assert.Equal(Session.MaxExpiryAge, session.ExpiryAge);
        Assert.Equal(expectedDate, session.ExpiryDate);
        session.Set("written", true);
        await session.SaveAsync();
        Assert.Equal(expectedDate, _services.Store.LastUpdate!.ExpiresAt);
        Assert.True((await _services.Manager.OpenAsync(key)).Get<bool>("written"));
    }

    [Fact]
    public async Task A_stored_negative_expiry_of_too_many_seconds_expires_the_record_at_once_and_saves()
    {
        var key = await SeedAsync((-FarTooManySeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var session = await _services.Manager.OpenAsync(key);

        Assert.Equal(-Session.MaxExpiryAge, session.ExpiryAge);
        session.Set("written", true);
        await session.SaveAsync();
        Assert.Equal(_services.Time.GetUtcNow() - Session.MaxExpiryAge, _services.Store.LastUpdate!.ExpiresAt);
        Assert.Null((await _services.Manager.OpenAsync(key)).Key);
    }

    [Fact]
    public async Task A_stored_expiry_date_beyond_the_longest_age_reads_as_the_longest_age_and_saves()
    {
        var key = await SeedAsync("\"9999-12-31T23:59:59.9999999+00:00\"");

        var session = await _services.Manager.OpenAsync(key);

        Assert.Equal(Session.MaxExpiryAge, session.ExpiryAge);
        session.Set("written", true);
        await session.SaveAsync();
        Assert.Equal(_services.Time.GetUtcNow() + Session.MaxExpiryAge, _services.Store.LastUpdate!.ExpiresAt);
    }

    [Fact]
    public async Task SetExpiry_beyond_the_longest_age_throws_naming_the_allowed_range_and_changes_nothing()
    {
        var session = await _services.Manager.OpenAsync(null);

        foreach (var age in new[] { TimeSpan.MaxValue, Session.MaxExpiryAge + TimeSpan.FromSeconds(1) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => session.SetExpiry(age));
            Assert.Equal("age", error.ParamName);
            Assert.Contains(Session.MaxExpiryAge.TotalDays.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        }

        Assert.False(session.ContainsKey(Session.ExpiryKey));
        Assert.False(session.IsModified);
    }

    [Fact]
    public async Task SetExpiry_to_a_date_beyond_the_longest_age_throws_naming_the_allowed_range_and_changes_nothing()
    {
        var session = await _services.Manager.OpenAsync(null);
        var latest = _services.Time.GetUtcNow() + Session.MaxExpiryAge;

        foreach (var date in new[] { DateTimeOffset.MaxValue, latest.AddSeconds(1) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => session.SetExpiry(date));
            Assert.Equal("expiresAt", error.ParamName);
            Assert.Contains(latest.ToString("O", System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        }

        Assert.False(session.ContainsKey(Session.ExpiryKey));
    }

    [Fact]
    public async Task The_longest_age_and_any_past_date_or_negative_age_are_accepted_and_saved()
    {
        var latest = _services.Time.GetUtcNow() + Session.MaxExpiryAge;
        Assert.Equal(latest, await SavedExpiryAsync(session => session.SetExpiry(Session.MaxExpiryAge)));
        Assert.Equal(latest, await SavedExpiryAsync(session => session.SetExpiry(latest)));
        Assert.Null(await SavedExpiryAsync(session => session.SetExpiry(TimeSpan.MinValue)));
        Assert.Null(await SavedExpiryAsync(session => session.SetExpiry(DateTimeOffset.MinValue)));
    }

    [Fact]
    public async Task Over_http_a_stored_expiry_of_too_many_seconds_lets_reads_and_writes_answer_200()
    {
        await using var server = await SessionTestServer.StartAsync(app =>
        {
            app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<int>("count"));
            app.MapPost("/write", async (HttpContext context) =>
            {
                var session = await context.GetSessionAsync();
                session.Set("count", session.Get<int>("count") + 1);
            });
        });
        var key = SessionKeys.NewKey();
        await server.Store.CreateAsync(SessionKeys.ToRecordId(key), new SessionRecord(
            new Dictionary<string, string> { [Session.ExpiryKey] = FarTooManySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            server.Time.GetUtcNow().AddHours(1)));

        using var read = await server.GetAsync("/read", $"sessionid={key}");
        using var write = await server.SendAsync(HttpMethod.Post, "/write", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);
        Assert.Equal(1, (await server.Manager.OpenAsync(key)).Get<int>("count"));
    }

    // Straight into the store: a save through the session clamps the expiry it writes, though not the stored value.
    private async Task<string> SeedAsync(string expiryJson)
    {
        var key = SessionKeys.NewKey();
        var values = new Dictionary<string, string> { [Session.ExpiryKey] = expiryJson, ["seeded"] = "true" };
        Assert.Equal(SessionWriteResult.Written, await _services.Store.CreateAsync(SessionKeys.ToRecordId(key), new SessionRecord(values, _services.Time.GetUtcNow().AddHours(1))));
        return key;
    }

    // The expiry a new session was saved with, or null when the saved record has expired already.
    private async Task<DateTimeOffset?> SavedExpiryAsync(Action<Session> setExpiry)
    {
        var session = await _services.Manager.OpenAsync(null);
        setExpiry(session);
        session.Set("a", 1);
        await session.SaveAsync();
        return (await _services.Store.LoadAsync(SessionKeys.ToRecordId(session.Key!))).Record?.ExpiresAt;
    }
}
