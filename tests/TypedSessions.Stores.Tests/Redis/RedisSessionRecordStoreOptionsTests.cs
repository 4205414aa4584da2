using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TypedSessions.Redis;
using TypedSessions.Stores.Tests.Servers;

namespace TypedSessions.Stores.Tests.Redis;

/// <summary>Options are checked at startup, and the store runs on a connection of its own or on the app's.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisSessionRecordStoreOptionsTests(RedisServerFixture redis)
{
    public static TheoryData<string> RejectedPrefixes => ["", "{sessions}:", "app{", "app}"];

    [Fact]
    public void Defaults_are_the_typedsessions_prefix_the_default_database_and_no_configuration()
    {
        var options = new RedisSessionRecordStoreOptions();

        Assert.Equal("typedsessions:", options.KeyPrefix);
        Assert.Equal("typedsessions-users:", options.UserIndexKeyPrefix);
        Assert.Equal(TimeSpan.FromDays(1), options.UserIndexGracePeriod);
        Assert.Equal(-1, options.Database);
        Assert.Null(options.Configuration);
        Assert.Equal(250, options.ClearExpiredBatchSize);
    }

    [Theory]
    [MemberData(nameof(RejectedPrefixes))]
    public void Empty_prefixes_and_prefixes_with_a_hash_tag_are_rejected(string prefix)
    {
        var failures = StartupFailures(o => o.KeyPrefix = prefix);

        Assert.Contains(failures, failure => failure.Contains("KeyPrefix", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sessions:")]
    [InlineData("a")]
    [InlineData("app:*?[x]:")]
    public void Other_prefixes_are_accepted(string prefix)
        => Assert.Empty(StartupFailures(o => o.KeyPrefix = prefix));

    [Theory]
    [InlineData("typedsessions:", "typedsessions:users:")]
    [InlineData("typedsessions:", "typedsessions:")]
    [InlineData("sessions:users:", "sessions:")]
    [InlineData("s", "s-users:")]
    public void A_key_prefix_and_a_user_index_prefix_that_start_with_one_another_are_rejected(string keyPrefix, string userIndexPrefix)
    {
        var failures = StartupFailures(o => (o.KeyPrefix, o.UserIndexKeyPrefix) = (keyPrefix, userIndexPrefix));

        var failure = Assert.Single(failures);
        Assert.Contains("KeyPrefix and UserIndexKeyPrefix must not start with one another", failure, StringComparison.Ordinal);
        Assert.Contains($"'{keyPrefix}' and '{userIndexPrefix}'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RejectedPrefixes))]
    public void Empty_user_index_prefixes_and_ones_with_a_hash_tag_are_rejected(string prefix)
    {
        var failures = StartupFailures(o => o.UserIndexKeyPrefix = prefix);

        Assert.Contains(failures, failure => failure.Contains("UserIndexKeyPrefix", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sessions:", "users:")]
    [InlineData("app:s:", "app:u:")]
    [InlineData("typedsessions:", "typedsessions-users:")]
    public void Prefixes_apart_are_accepted(string keyPrefix, string userIndexPrefix)
        => Assert.Empty(StartupFailures(o => (o.KeyPrefix, o.UserIndexKeyPrefix) = (keyPrefix, userIndexPrefix)));

    [Theory]
    [InlineData(-1)]
    [InlineData(366 * 24 * 60)]
    public void A_user_index_grace_period_out_of_range_is_rejected(int minutes)
    {
        var failures = StartupFailures(o => o.UserIndexGracePeriod = TimeSpan.FromMinutes(minutes));

        Assert.Contains("UserIndexGracePeriod", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-2, 250)]
    [InlineData(0, 0)]
    [InlineData(0, 100_001)]
    public void Database_and_batch_size_out_of_range_are_rejected(int database, int batchSize)
    {
        var failures = StartupFailures(o => (o.Database, o.ClearExpiredBatchSize) = (database, batchSize));

        Assert.Single(failures);
    }

    [Theory]
    [InlineData(0, -1, 1)]
    [InlineData(365 * 24 * 60, 0, 100_000)]
    public void The_ends_of_each_range_are_accepted(int graceMinutes, int database, int batchSize)
        => Assert.Empty(StartupFailures(o => (o.UserIndexGracePeriod, o.Database, o.ClearExpiredBatchSize) = (TimeSpan.FromMinutes(graceMinutes), database, batchSize)));

    [SkippableFact]
    public void A_store_built_by_hand_checks_its_options_too()
    {
        redis.EnsureAvailable();
        var options = Options.Create(new RedisSessionRecordStoreOptions { KeyPrefix = "" });

        var exception = Assert.Throws<OptionsValidationException>(() => new RedisSessionRecordStore(redis.Multiplexer, options, TimeProvider.System));

        Assert.Contains(exception.Failures, failure => failure.Contains("KeyPrefix", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("localhost:6379,bogusOption=1")]
    [InlineData(",")]
    public void Unparsable_configuration_strings_are_rejected_at_startup(string configuration)
    {
        using var services = Build(builder => builder.AddRedisStore(configuration));

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, failure => failure.Contains("Configuration", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_configuration_string_startup_fails_when_no_multiplexer_is_registered()
    {
        using var services = Build(builder => builder.AddRedisStore());

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(exception.Failures, failure => failure.Contains("IConnectionMultiplexer", StringComparison.Ordinal));
    }

    [Fact]
    public void Add_redis_store_requires_a_configuration_string()
        => Assert.Throws<ArgumentException>(() => new ServiceCollection().AddTypedSessions().AddRedisStore(" "));

    [SkippableFact]
    public async Task The_multiplexer_registered_in_DI_is_shared_and_left_open()
    {
        redis.EnsureAvailable();
        var shared = redis.Multiplexer;
        var services = Build(builder => builder.AddRedisStore(o => o.KeyPrefix = RedisServerFixture.NewPrefix()), shared);
        services.GetRequiredService<IStartupValidator>().Validate();

        var store = Assert.IsType<RedisSessionRecordStore>(services.GetRequiredService<ISessionRecordStore>());
        Assert.Same(shared, await store.Connection.GetAsync(default));
        Assert.False(store.Connection.OwnsMultiplexer);
        await SaveAndReopenAsync(services);

        await services.DisposeAsync();
        Assert.True(shared.IsConnected);
        await shared.GetDatabase().PingAsync();
    }

    [SkippableFact]
    public async Task With_a_configuration_string_the_store_opens_its_own_connection_and_closes_it_with_the_app()
    {
        redis.EnsureAvailable();
        var services = Build(builder => builder.AddRedisStore(redis.Configuration, o => o.KeyPrefix = RedisServerFixture.NewPrefix()));
        services.GetRequiredService<IStartupValidator>().Validate();

        var store = Assert.IsType<RedisSessionRecordStore>(services.GetRequiredService<ISessionRecordStore>());
        await SaveAndReopenAsync(services);
        var own = await store.Connection.GetAsync(default);
        Assert.NotSame(redis.Multiplexer, own);
        Assert.True(store.Connection.OwnsMultiplexer);

        await services.DisposeAsync();
        Assert.False(own.IsConnected);
    }

    [SkippableFact]
    public async Task The_database_option_is_honoured()
    {
        redis.EnsureAvailable();
        var store = RedisTestStores.Create(redis, TimeProvider.System, o => o.Database = 3);

        Assert.True(await store.TryCreateAsync("id", new SessionRecord(new Dictionary<string, string> { ["a"] = "1" }, DateTimeOffset.UtcNow.AddHours(1))));

        Assert.True(await redis.Multiplexer.GetDatabase(3).KeyExistsAsync(store.KeyFor("id")));
        Assert.False(await redis.Multiplexer.GetDatabase(0).KeyExistsAsync(store.KeyFor("id")));
    }

    // What startup validation reports, with a multiplexer registered (never resolved: validation does not connect).
    private static IReadOnlyList<string> StartupFailures(Action<RedisSessionRecordStoreOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConnectionMultiplexer>(_ => throw new InvalidOperationException("Validation must not connect."));
        services.AddTypedSessions().AddRedisStore(configure);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException exception)
        {
            return [.. exception.Failures];
        }
    }

    private static ServiceProvider Build(Action<TypedSessionsBuilder> addStore, IConnectionMultiplexer? multiplexer = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (multiplexer is not null)
        {
            services.AddSingleton(multiplexer);
        }

        addStore(services.AddTypedSessions());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task SaveAndReopenAsync(IServiceProvider services)
    {
        var manager = services.GetRequiredService<ISessionManager>();
        var session = await manager.OpenAsync(null);
        session.Set("user", 42);
        await session.SaveAsync();

        var reopened = await manager.OpenAsync(session.Key);
        Assert.Equal(42, reopened.Get<int>("user"));
    }
}
