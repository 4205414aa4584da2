using Microsoft.Extensions.Logging;
using TypedSessions.Engine;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;
using TypedSessions.Tests.Typed;

namespace TypedSessions.Tests.HostileData;

/// <summary>
/// A damaged session is read on every request its browser sends. Its corruption, or a value that no longer fits its
/// property, is a Warning once per record (and key) per hour in each process; repeats within the hour are Debug. The
/// hour is the app's <see cref="TimeProvider"/>'s.
/// </summary>
public sealed class RepeatedStoredDataLogTests
{
    [Fact]
    public async Task A_corrupted_record_is_a_warning_once_an_hour_and_debug_in_between()
    {
        await using var services = new SessionServices(store: _ => new UnreadableStore());
        var key = SessionKeys.NewKey();

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await services.Manager.OpenAsync(key)).IsEmpty);
        }

        services.Time.Advance(TimeSpan.FromMinutes(59));
        await services.Manager.OpenAsync(key);
        Assert.Equal(["SessionDataCorrupted"], Warnings(services));
        Assert.Equal(3, Debugs(services, "SessionDataCorruptedRepeated"));

        services.Time.Advance(TimeSpan.FromMinutes(1));
        await services.Manager.OpenAsync(key);
        Assert.Equal(["SessionDataCorrupted", "SessionDataCorrupted"], Warnings(services));
    }

    [Fact]
    public async Task Each_corrupted_record_has_its_own_warning()
    {
        await using var services = new SessionServices(store: _ => new UnreadableStore());

        await services.Manager.OpenAsync(SessionKeys.NewKey());
        await services.Manager.OpenAsync(SessionKeys.NewKey());

        Assert.Equal(["SessionDataCorrupted", "SessionDataCorrupted"], Warnings(services));
    }

    [Fact]
    public async Task A_value_that_does_not_fit_is_a_warning_once_an_hour_per_key_of_each_session()
    {
        await using var services = new SessionServices();
        var first = await SeedAsync(services, ("Basket.Count", "\"many\""), ("Basket.Note", "42"));
        var second = await SeedAsync(services, ("Basket.Count", "\"many\""));

        for (var i = 0; i < 3; i++)
        {
            var basket = (await services.Manager.OpenAsync(first)).GetState<Basket>();
            Assert.Equal(0, basket.Count);
            Assert.Null(basket.Note);
        }

        _ = (await services.Manager.OpenAsync(second)).GetState<Basket>().Count;
        Assert.Equal(Enumerable.Repeat("SessionValueMismatch", 3), Warnings(services));
        Assert.Equal(4, Debugs(services, "SessionValueMismatchRepeated"));

        services.Time.Advance(RepeatedEventLimiter.DefaultWindow);
        _ = (await services.Manager.OpenAsync(first)).GetState<Basket>().Count;
        Assert.Equal(Enumerable.Repeat("SessionValueMismatch", 4), Warnings(services));
    }

    [Fact]
    public void The_limiter_remembers_at_most_its_capacity_and_forgets_the_oldest_first()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var limiter = new RepeatedEventLimiter(time, TimeSpan.FromHours(1), capacity: 3);

        Assert.All(Enumerable.Range(0, 5), i => Assert.True(limiter.IsFirst(1, $"record-{i}")));

        Assert.Equal(3, limiter.Count);
        Assert.False(limiter.IsFirst(1, "record-4"));
        Assert.True(limiter.IsFirst(1, "record-0"), "The oldest was forgotten to make room.");
        Assert.True(limiter.IsFirst(2, "record-4"), "Another event about the same record is first on its own.");
    }

    [Fact]
    public void The_limiter_stays_within_its_capacity_under_many_records_and_forgets_what_expired()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var limiter = new RepeatedEventLimiter(time);

        for (var i = 0; i < 50_000; i++)
        {
            // A cookie-store record id is the whole cookie: kilobytes, never kept as such.
            limiter.IsFirst(1, $"{i}:{new string('c', 4_000)}");
        }

        Assert.Equal(RepeatedEventLimiter.DefaultCapacity, limiter.Count);
        time.Advance(RepeatedEventLimiter.DefaultWindow);
        Assert.True(limiter.IsFirst(1, "late"));
        Assert.Equal(1, limiter.Count);
    }

    private static async Task<string> SeedAsync(SessionServices services, params (string Key, string Json)[] values)
    {
        var key = SessionKeys.NewKey();
        var record = new SessionRecord(values.ToDictionary(pair => pair.Key, pair => pair.Json), services.Time.GetUtcNow().AddHours(3));
        Assert.Equal(SessionWriteResult.Written, await services.Store.CreateAsync(SessionKeys.ToRecordId(key), record));
        return key;
    }

    private static List<string> Warnings(SessionServices services)
        => [.. services.Logs.GetSnapshot().Where(log => log.Level >= LogLevel.Warning).Select(log => log.Id.Name!)];

    private static int Debugs(SessionServices services, string name)
        => services.Logs.GetSnapshot().Count(log => log.Level == LogLevel.Debug && log.Id.Name == name);
}
