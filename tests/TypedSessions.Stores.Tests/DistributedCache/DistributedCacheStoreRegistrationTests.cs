using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores.DistributedCache;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.DistributedCache;

/// <summary><c>AddDistributedCacheStore()</c> uses the app's <see cref="IDistributedCache"/> and fails early without one.</summary>
public sealed class DistributedCacheStoreRegistrationTests
{
    [Fact]
    public void Missing_distributed_cache_fails_at_startup_with_a_clear_message()
    {
        using var services = Build(addCache: false);

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        var failure = Assert.Single(exception.Failures);
        Assert.Contains("IDistributedCache", failure, StringComparison.Ordinal);
        Assert.Contains("AddDistributedMemoryCache()", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_distributed_cache_fails_the_store_resolution_with_the_same_message()
    {
        using var services = Build(addCache: false);

        var exception = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<ISessionRecordStore>());

        Assert.Equal(DistributedCacheRegistrationValidator.MissingCacheMessage, exception.Message);
    }

    [Fact]
    public void Startup_validation_rejects_an_invalid_key_prefix()
    {
        using var services = Build(configure: o => o.KeyPrefix = "has space");

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, failure => failure.Contains("KeyPrefix", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Saved_session_lands_in_the_app_s_cache_under_the_prefix_and_the_hashed_key()
    {
        using var services = Build(configure: o => o.KeyPrefix = "shop:");
        services.GetRequiredService<IStartupValidator>().Validate();
        var manager = services.GetRequiredService<ISessionManager>();
        var session = await manager.OpenAsync(null);
        session.Set("user", 42);
        await session.SaveAsync();

        Assert.IsType<DistributedCacheSessionRecordStore>(services.GetRequiredService<ISessionRecordStore>());
        var cache = services.GetRequiredService<IDistributedCache>();
        Assert.NotNull(await cache.GetAsync("shop:" + ExpectedRecordId.For(session.Key!)));
        Assert.Null(await cache.GetAsync("shop:" + session.Key));
        Assert.Equal(42, (await manager.OpenAsync(session.Key)).Get<int>("user"));
    }

    private static ServiceProvider Build(bool addCache = true, Action<DistributedCacheSessionRecordStoreOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        if (addCache)
        {
            services.AddDistributedMemoryCache();
        }

        services.AddTypedSessions().AddDistributedCacheStore(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
