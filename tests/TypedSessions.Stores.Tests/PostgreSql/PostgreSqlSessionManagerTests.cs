using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.PostgreSql;

/// <summary>The PostgreSQL store behind the real engine, registered with a connection string as most apps will.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSessionManagerTests(PostgreSqlServerFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private ServiceProvider? _services;

    private ISessionManager Manager => _services!.GetRequiredService<ISessionManager>();

    public Task InitializeAsync()
    {
        if (postgres.UnavailableReason is null)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton<TimeProvider>(_time);
            services.AddTypedSessions().AddPostgreSqlStore(postgres.ConnectionString, o => o.TableName = PostgreSqlServerFixture.NewTableName());
            _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Saved_session_reopens_with_its_values()
    {
        var key = await SaveNewAsync(("user", 42));

        var reopened = await Manager.OpenAsync(key);

        Assert.Equal(key, reopened.Key);
        Assert.Equal(42, reopened.Get<int>("user"));
    }

    [SkippableFact]
    public async Task Two_requests_changing_different_keys_of_one_session_both_survive()
    {
        var key = await SaveNewAsync(("cart", 1), ("theme", 1));
        var first = await Manager.OpenAsync(key);
        var second = await Manager.OpenAsync(key);

        first.Set("cart", 2);
        second.Set("theme", 2);
        await first.SaveAsync();
        await second.SaveAsync();

        var reopened = await Manager.OpenAsync(key);
        Assert.Equal(2, reopened.Get<int>("cart"));
        Assert.Equal(2, reopened.Get<int>("theme"));
    }

    [SkippableFact]
    public async Task Saving_a_session_flushed_by_a_concurrent_request_throws_and_does_not_resurrect_it()
    {
        var key = await SaveNewAsync(("user", 42));
        var stale = await Manager.OpenAsync(key);
        var signOut = await Manager.OpenAsync(key);

        await signOut.FlushAsync();
        stale.Set("cart", 3);

        await Assert.ThrowsAsync<SessionInterruptedException>(async () => await stale.SaveAsync());
        Assert.False(await Manager.ExistsAsync(key));
    }

    [SkippableFact]
    public async Task Session_expires_after_the_lifetime_and_is_cleared()
    {
        var key = await SaveNewAsync(("user", 42));

        _time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        Assert.True(await Manager.ExistsAsync(key));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await Manager.ExistsAsync(key));
        Assert.Null((await Manager.OpenAsync(key)).Key);
        Assert.Equal(1, await Manager.ClearExpiredAsync());
    }

    private async Task<string> SaveNewAsync(params (string Key, int Value)[] values)
    {
        postgres.EnsureAvailable();
        var session = await Manager.OpenAsync(null);
        foreach (var (name, value) in values)
        {
            session.Set(name, value);
        }

        await session.SaveAsync();
        return Assert.IsType<string>(session.Key);
    }
}
