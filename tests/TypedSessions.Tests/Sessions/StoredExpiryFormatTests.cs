using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Sessions;

/// <summary>
/// What <see cref="Session.ExpiryKey"/> holds: an expiry date is stored as ISO 8601 round-trip text in UTC, as Django
/// stores it, to the tick; stored text that is neither a date nor the browser-close marker reads as no expiry of its own.
/// </summary>
public sealed class StoredExpiryFormatTests : IAsyncLifetime
{
    private readonly SessionServices _services = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task An_expiry_date_is_stored_as_round_trip_iso_text_in_utc_to_the_tick()
    {
        // 12:10:00.1234567 UTC, given at +02:00.
        var expiresAt = new DateTimeOffset(2026, 11, 25, 14, 10, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var session = await _services.Manager.OpenAsync(null);

        session.SetExpiry(expiresAt);
        await session.SaveAsync();

        var stored = await _services.Manager.DecodeAsync(session.Key!);
        Assert.Equal("2026-11-25T12:10:00.1234567+00:00", stored![Session.ExpiryKey].GetString());
        var reopened = await _services.Manager.OpenAsync(session.Key);
        Assert.Equal(expiresAt.UtcTicks, reopened.ExpiryDate.UtcTicks);
        Assert.Equal(TimeSpan.FromSeconds(600), reopened.ExpiryAge);
        Assert.Equal(expiresAt.UtcTicks, (await _services.Store.LoadRecordAsync(SessionKeys.ToRecordId(session.Key!)))!.ExpiresAt.UtcTicks);
    }

    [Fact]
    public async Task A_stored_expiry_that_is_no_date_reads_as_the_default_lifetime_and_saves()
    {
        var key = SessionKeys.NewKey();
        var now = _services.Time.GetUtcNow();
        var values = new Dictionary<string, string> { [Session.ExpiryKey] = "\"not a date\"", ["seeded"] = "true" };
        Assert.Equal(SessionWriteResult.Written, await _services.Store.CreateAsync(SessionKeys.ToRecordId(key), new SessionRecord(values, now.AddHours(1)) { CreatedAt = now }));

        var session = await _services.Manager.OpenAsync(key);

        Assert.Equal(TypedSessionsOptions.DefaultLifetime, session.ExpiryAge);
        Assert.Equal(now + TypedSessionsOptions.DefaultLifetime, session.ExpiryDate);
        Assert.False(session.ExpiresAtBrowserClose);
        session.Set("written", true);
        await session.SaveAsync();
        Assert.Equal(now + TypedSessionsOptions.DefaultLifetime, _services.Store.LastUpdate!.ExpiresAt);
        Assert.True((await _services.Manager.OpenAsync(key)).Get<bool>("written"));
    }
}
