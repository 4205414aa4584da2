using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Sqlite;
using TypedSessions.Stores.Cached;
using TypedSessions.Stores.DistributedCache;
using TypedSessions.Stores.Tests.Sqlite;

namespace TypedSessions.Stores.Tests.Cached;

/// <summary><c>.AddXStore(...).AddCachedStore(cache => cache.AddYStore(...))</c>: Y in front of X.</summary>
public sealed class CachedStoreRegistrationTests : IDisposable
{
    private readonly TempSqliteDatabase _database = new();

    [Fact]
    public void Store_registered_in_the_callback_is_the_cache_and_the_one_before_is_the_durable_store()
    {
        using var services = Build(sessions => sessions.AddSqliteStore(_database.ConnectionString).AddCachedStore(cache => cache.AddMemoryStore()));

        var store = Assert.IsType<CachedSessionRecordStore>(services.GetRequiredService<ISessionRecordStore>());

        Assert.Same(services.GetRequiredService<MemorySessionRecordStore>(), store.Cache);
        Assert.Same(services.GetRequiredService<SqliteSessionRecordStore>(), store.Durable);
    }

    [Fact]
    public async Task Session_saved_through_the_cached_store_is_in_both_stores_and_reopens()
    {
        using var services = Build(sessions => sessions.AddSqliteStore(_database.ConnectionString).AddCachedStore(cache => cache.AddMemoryStore()));
        var manager = services.GetRequiredService<ISessionManager>();
        var session = await manager.OpenAsync(null);
        session.Set("user", 42);
        await session.SaveAsync();

        var recordId = ExpectedRecordId.For(session.Key!);
        Assert.True((await services.GetRequiredService<SqliteSessionRecordStore>().LoadAsync(recordId)).IsFound);
        Assert.True((await services.GetRequiredService<MemorySessionRecordStore>().LoadAsync(recordId)).IsFound);
        Assert.Equal(42, (await manager.OpenAsync(session.Key)).Get<int>("user"));
    }

    [Fact]
    public void Distributed_cache_store_composes_as_the_cache()
    {
        using var services = Build(sessions =>
        {
            sessions.Services.AddDistributedMemoryCache();
            sessions.AddSqliteStore(_database.ConnectionString).AddCachedStore(cache => cache.AddDistributedCacheStore());
        });

        var store = Assert.IsType<CachedSessionRecordStore>(services.GetRequiredService<ISessionRecordStore>());

        Assert.IsType<DistributedCacheSessionRecordStore>(store.Cache);
        Assert.IsType<SqliteSessionRecordStore>(store.Durable);
    }

    [Fact]
    public void Cached_store_without_a_durable_store_before_it_is_rejected()
    {
        var services = new ServiceCollection();

        var exception = Assert.Throws<InvalidOperationException>(() => services.AddTypedSessions().AddCachedStore(cache => cache.AddMemoryStore()));

        Assert.Contains("register the durable store first", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Callback_that_registers_no_store_is_rejected()
    {
        var services = new ServiceCollection();

        var exception = Assert.Throws<InvalidOperationException>(() => services.AddTypedSessions().AddMemoryStore().AddCachedStore(_ => { }));

        Assert.Contains("must register the cache store", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_store_as_cache_and_durable_store_is_rejected_when_resolved()
    {
        using var services = Build(sessions => sessions.AddMemoryStore().AddCachedStore(cache => cache.AddMemoryStore()));

        var exception = Assert.Throws<ArgumentException>(() => services.GetRequiredService<ISessionRecordStore>());

        Assert.Contains("MemorySessionRecordStore", exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _database.Dispose();

    private static ServiceProvider Build(Action<TypedSessionsBuilder> addStores)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        addStores(services.AddTypedSessions());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
