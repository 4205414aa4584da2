using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Tests.Infrastructure;
using TypedSessions.Tests.Merging;

namespace TypedSessions.Tests.Sessions;

/// <summary>
/// A key cycle that cannot complete (the old record cannot be deleted) leaves the session on its old key with every
/// change still to be saved there: a key the handler removed stays removed, and keeps the conflict policy its property declares.
/// </summary>
public sealed class FailedCycleRevertTests : IAsyncLifetime
{
    private readonly SessionServices _services = new(store: provider => new FaultyStore(provider.GetRequiredService<TimeProvider>()));

    private FaultyStore Faulty => (FaultyStore)_services.Store.Inner;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_key_removed_before_a_cycle_that_failed_is_removed_from_the_old_record_by_the_next_save()
    {
        var key = await SeedAsync(session =>
        {
            session.Set("name", "ada");
            session.Set("cart", "tea");
        });
        var session = await _services.Manager.OpenAsync(key);
        Assert.True(session.Remove("name"));

        await FailCycleAsync(session);

        Assert.Equal(key, session.Key);
        Assert.False(session.ContainsKey("name"));
        Assert.Equal(["cart"], session.Keys);
        Assert.True(session.IsModified);
        _services.Store.Reset();
        await session.SaveAsync();
        Assert.Equal(["Update"], _services.Store.Writes);
        Assert.Equal(["name"], _services.Store.LastUpdate!.Removed);
        Assert.Equal(["cart"], (await _services.Manager.OpenAsync(key)).Keys);
    }

    [Fact]
    public async Task A_removal_before_a_cycle_that_failed_still_conflicts_with_a_concurrent_change_its_property_rejects()
    {
        var key = await SeedAsync(session => session.GetState<Tally>().Coupon = "WELCOME");
        var session = await _services.Manager.OpenAsync(key);
        var other = await _services.Manager.OpenAsync(key);
        Assert.Equal("WELCOME", session.GetState<Tally>().Coupon);
        Assert.True(session.Remove("tally.Coupon"));

        await FailCycleAsync(session);
        other.GetState<Tally>().Coupon = "SPRING";
        await other.SaveAsync();

        var conflict = await Assert.ThrowsAsync<SessionConflictException>(() => session.SaveAsync().AsTask());
        Assert.Equal(["tally.Coupon"], conflict.Keys);
        Assert.Equal("SPRING", (await _services.Manager.OpenAsync(key)).GetState<Tally>().Coupon);
    }

    private async Task<string> SeedAsync(Action<Session> arrange)
    {
        var session = await _services.Manager.OpenAsync(null);
        arrange(session);
        await session.SaveAsync();
        return session.Key!;
    }

    // The new record is written, then deleting the old one fails: the cycle is undone and its error reaches the caller.
    private async Task FailCycleAsync(Session session)
    {
        Faulty.DeleteFailure = new InvalidOperationException("The store refused the delete.");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => session.CycleKeyAsync().AsTask());
        Faulty.DeleteFailure = null;
        Assert.Equal("The store refused the delete.", error.Message);
    }
}
