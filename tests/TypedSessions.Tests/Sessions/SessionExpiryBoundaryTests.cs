using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Tests.Http;
using TypedSessions.Tests.Infrastructure;
using static TypedSessions.Tests.Infrastructure.ResponseHeaders;

namespace TypedSessions.Tests.Sessions;

/// <summary>
/// Expiry at its edges: a sliding refresh starts strictly after half the lifetime has passed since the last save, and an
/// absolute lifetime counted from a creation time damaged to near the latest date there is still gives an expiry.
/// </summary>
public sealed class SessionExpiryBoundaryTests
{
    private const int LifetimeSeconds = 1_209_600;

    [Fact]
    public async Task A_read_at_exactly_half_the_lifetime_does_not_refresh_and_one_second_later_does()
    {
        await using var server = await DecisionTableTests.StartAsync();
        var key = await server.SeedSessionAsync(session => session.Set("name", "ada"));

        server.Time.Advance(TimeSpan.FromSeconds(LifetimeSeconds / 2));
        var atHalf = await server.GetAsync("/read", $"sessionid={key}");
        server.Time.Advance(TimeSpan.FromSeconds(1));
        var justPast = await server.GetAsync("/read", $"sessionid={key}");

        Assert.Equal("ada", await atHalf.Content.ReadAsStringAsync());
        Assert.Empty(atHalf.SetCookies());
        Assert.Equal("ada", await justPast.Content.ReadAsStringAsync());
        Assert.Equal([ExpectedCookie(key, server.Time.GetUtcNow())], justPast.SetCookies());
        Assert.Equal(["Load", "Load", "Touch"], server.Store.Calls);
        var stored = await server.Store.LoadRecordAsync(SessionKeys.ToRecordId(key));
        Assert.Equal(server.Time.GetUtcNow().AddSeconds(LifetimeSeconds), stored!.ExpiresAt);
    }

    [Fact]
    public async Task A_creation_time_damaged_to_near_the_latest_date_still_loads_with_an_expiry_under_an_absolute_lifetime()
    {
        await using var services = new SessionServices(configure: options => options.AbsoluteLifetime = TimeSpan.FromDays(30));
        var key = SessionKeys.NewKey();
        var now = services.Time.GetUtcNow();
        var record = new SessionRecord(new Dictionary<string, string> { ["seeded"] = "true" }, now.AddHours(1))
        {
            CreatedAt = DateTimeOffset.MaxValue - TimeSpan.FromDays(1),
        };
        Assert.Equal(SessionWriteResult.Written, await services.Store.CreateAsync(SessionKeys.ToRecordId(key), record));

        var session = await services.Manager.OpenAsync(key);

        Assert.Equal(key, session.Key);
        Assert.Equal(TypedSessionsOptions.DefaultLifetime, session.ExpiryAge);
        Assert.Equal(now + TypedSessionsOptions.DefaultLifetime, session.ExpiryDate);
        session.Set("written", true);
        await session.SaveAsync();
        Assert.Equal(now + TypedSessionsOptions.DefaultLifetime, services.Store.LastUpdate!.ExpiresAt);
        Assert.True((await services.Manager.OpenAsync(key)).Get<bool>("written"));
    }
}
