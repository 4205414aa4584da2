using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TypedSessions.Stores.Tests.Sqlite;

/// <summary>The SQLite store behind the real engine, as an app registers it.</summary>
public sealed class SqliteSessionManagerTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services;
    private readonly ISessionManager _manager;

    public SqliteSessionManagerTests()
    {
        _services = SqliteTestHost.Build(_database, _time);
        _manager = _services.GetRequiredService<ISessionManager>();
    }

    [Fact]
    public async Task Saved_session_reopens_with_its_values()
    {
        var key = await SaveNewAsync(("user", 42));

        var reopened = await _manager.OpenAsync(key);

        Assert.Equal(key, reopened.Key);
        Assert.Equal(42, reopened.Get<int>("user"));
    }

    [Fact]
    public async Task Two_requests_changing_different_keys_of_one_session_both_survive()
    {
        var key = await SaveNewAsync(("cart", 1), ("theme", 1));
        var first = await _manager.OpenAsync(key);
        var second = await _manager.OpenAsync(key);

        first.Set("cart", 2);
        second.Set("theme", 2);
        await first.SaveAsync();
        await second.SaveAsync();

        var reopened = await _manager.OpenAsync(key);
        Assert.Equal(2, reopened.Get<int>("cart"));
        Assert.Equal(2, reopened.Get<int>("theme"));
    }

    [Fact]
    public async Task Saving_a_session_flushed_by_a_concurrent_request_throws_and_does_not_resurrect_it()
    {
        var key = await SaveNewAsync(("user", 42));
        var stale = await _manager.OpenAsync(key);
        var signOut = await _manager.OpenAsync(key);

        await signOut.FlushAsync();
        stale.Set("cart", 3);

        await Assert.ThrowsAsync<SessionInterruptedException>(async () => await stale.SaveAsync());
        Assert.False(await _manager.ExistsAsync(key));
    }

    [Fact]
    public async Task Session_expires_after_the_lifetime_and_is_cleared()
    {
        var key = await SaveNewAsync(("user", 42));

        _time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        Assert.True(await _manager.ExistsAsync(key));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await _manager.ExistsAsync(key));
        Assert.Null((await _manager.OpenAsync(key)).Key);
        Assert.Equal(1, await _manager.ClearExpiredAsync());
    }

    public void Dispose()
    {
        _services.Dispose();
        _database.Dispose();
    }

    private async Task<string> SaveNewAsync(params (string Key, int Value)[] values)
    {
        var session = await _manager.OpenAsync(null);
        foreach (var (name, value) in values)
        {
            session.Set(name, value);
        }

        await session.SaveAsync();
        return Assert.IsType<string>(session.Key);
    }
}
