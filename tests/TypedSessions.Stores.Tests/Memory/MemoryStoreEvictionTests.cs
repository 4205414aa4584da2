using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedSessions.Stores;

namespace TypedSessions.Stores.Tests.Memory;

/// <summary>
/// The memory store lets go of expired records: as it meets them, and on a sweep timer of its own when no purge runs,
/// so a load test of short sessions nobody returns to does not hold them all.
/// </summary>
public sealed class MemoryStoreEvictionTests
{
    private static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    [Fact]
    public async Task Loading_an_expired_record_removes_it()
    {
        using var store = new MemorySessionRecordStore(_time);
        var (expiring, lasting) = (NewId(), NewId());
        await store.CreateAsync(expiring, Record(Start.AddSeconds(2)));
        await store.CreateAsync(lasting, Record(Start.AddHours(1)));

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, store.Count);

        Assert.False((await store.LoadAsync(expiring)).IsFound);
        Assert.Equal(1, store.Count);
        Assert.True((await store.LoadAsync(lasting)).IsFound);
    }

    [Fact]
    public async Task Updating_or_touching_an_expired_record_removes_it()
    {
        using var store = new MemorySessionRecordStore(_time);
        var (updated, touched) = (NewId(), NewId());
        await store.CreateAsync(updated, Record(Start.AddSeconds(2)));
        await store.CreateAsync(touched, Record(Start.AddSeconds(2)));
        _time.Advance(TimeSpan.FromSeconds(2));

        var changes = new SessionChanges { Values = new Dictionary<string, string>(), Changed = new Dictionary<string, string>(), Removed = [], ExpiresAt = Start.AddHours(1) };
        Assert.Equal(SessionWriteResult.NotFound, await store.UpdateAsync(updated, changes));
        Assert.Equal(SessionWriteResult.NotFound, await store.TouchAsync(touched, Start.AddHours(1)));

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task The_sweep_removes_expired_records_nobody_comes_back_for_and_keeps_live_ones()
    {
        using var store = new MemorySessionRecordStore(_time, TimeSpan.FromSeconds(5));
        for (var i = 0; i < 10_000; i++)
        {
            await store.CreateAsync(NewId(), Record(Start.AddSeconds(2)));
        }

        var live = NewId();
        await store.CreateAsync(live, Record(Start.AddMinutes(1)));

        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(10_001, store.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, store.Count);
        Assert.True((await store.LoadAsync(live)).IsFound);
    }

    [Fact]
    public async Task Disposing_the_store_stops_its_sweep()
    {
        var store = new MemorySessionRecordStore(_time, TimeSpan.FromSeconds(5));
        await store.CreateAsync(NewId(), Record(Start.AddSeconds(2)));

        store.Dispose();
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(1, store.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_sweep_interval_must_be_positive(int seconds)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new MemorySessionRecordStore(_time, TimeSpan.FromSeconds(seconds)));

    [Fact]
    public async Task AddMemoryStore_sweeps_on_its_own_every_minute_when_the_purge_is_off()
    {
        await using var services = Build(options => options.PurgeInterval = null);
        var store = services.GetRequiredService<MemorySessionRecordStore>();
        await store.CreateAsync(NewId(), Record(Start.AddSeconds(2)));

        _time.Advance(MemorySessionRecordStore.DefaultSweepInterval - TimeSpan.FromSeconds(1));
        Assert.Equal(1, store.Count);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, store.Count);
        Assert.Equal(TimeSpan.FromMinutes(1), MemorySessionRecordStore.DefaultSweepInterval);
    }

    [Fact]
    public async Task AddMemoryStore_sweeps_every_minute_even_when_an_hourly_purge_runs()
    {
        await using var services = Build(options => options.PurgeInterval = TimeSpan.FromHours(1));
        var store = services.GetRequiredService<MemorySessionRecordStore>();
        await store.CreateAsync(NewId(), Record(Start.AddSeconds(2)));

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task AddMemoryStore_sweeps_every_lifetime_when_sessions_live_less_than_a_minute()
    {
        await using var services = Build(options => (options.Lifetime, options.PurgeInterval) = (TimeSpan.FromSeconds(2), null));
        var store = services.GetRequiredService<MemorySessionRecordStore>();
        await store.CreateAsync(NewId(), Record(Start.AddSeconds(2)));

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task AddMemoryStore_leaves_the_sweeping_to_a_purge_that_runs_at_least_as_often()
    {
        await using var services = Build(options => options.PurgeInterval = TimeSpan.FromSeconds(30));
        var store = services.GetRequiredService<MemorySessionRecordStore>();
        await store.CreateAsync(NewId(), Record(Start.AddSeconds(2)));

        _time.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(1, store.Count);
        Assert.Same(store, services.GetRequiredService<ISessionRecordStore>());
        Assert.Equal(1, await services.GetRequiredService<ISessionManager>().ClearExpiredAsync());
    }

    [Fact]
    public async Task The_container_stops_the_sweep_of_the_store_it_made()
    {
        var services = Build(options => options.PurgeInterval = null);
        var store = services.GetRequiredService<MemorySessionRecordStore>();
        await store.CreateAsync(NewId(), Record(Start.AddSeconds(2)));

        await services.DisposeAsync();
        _time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, store.Count);
    }

    private ServiceProvider Build(Action<TypedSessionsOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddTypedSessions(configure).AddMemoryStore();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static SessionRecord Record(DateTimeOffset expiresAt) => new(new Dictionary<string, string> { ["a"] = "1" }, expiresAt);
}
