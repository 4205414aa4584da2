using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Sessions;

/// <summary>
/// A merging save (<see cref="SessionConcurrency.Merge"/>) whose merge ends in a key's removal leaves the session
/// showing the key gone, as the store holds it, rather than the value this request had made.
/// </summary>
public sealed class MergedRemovalTests : IAsyncLifetime
{
    private readonly SessionServices _services = new(
        store: provider => new InterleavingStore(new MemorySessionRecordStore(provider.GetRequiredService<TimeProvider>())),
        configure: options => options.Concurrency = SessionConcurrency.Merge);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task A_save_merging_a_key_that_another_request_removes_meanwhile_shows_the_key_gone_after_the_save()
    {
        var seeded = await _services.Manager.OpenAsync(null);
        seeded.Set("name", "ada");
        seeded.Set("cart", new Dictionary<string, int> { ["tea"] = 1 });
        await seeded.SaveAsync();
        var key = seeded.Key!;
        var first = await _services.Manager.OpenAsync(key);
        var second = await _services.Manager.OpenAsync(key);

        // The first request adds milk; the second adds milk too, and while it merges with the first, a third request
        // removes the cart. The second request's own change is already in the store, so the merge ends in the removal.
        first.Get<Dictionary<string, int>>("cart")!["milk"] = 1;
        await first.SaveAsync();
        ((InterleavingStore)_services.Store.Inner).AfterNextLoad = async () =>
        {
            var third = await _services.Manager.OpenAsync(key);
            Assert.True(third.Remove("cart"));
            await third.SaveAsync();
        };
        second.Get<Dictionary<string, int>>("cart")!["milk"] = 1;
        _services.Store.Reset();
        await second.SaveAsync();

        Assert.Equal(["Update", "Load", "Load", "Update", "Update", "Load", "Update"], _services.Store.Calls);
        Assert.Empty(_services.Store.LastUpdate!.Changed);
        Assert.Equal(["cart"], _services.Store.LastUpdate.Removed);
        Assert.False(second.ContainsKey("cart"));
        Assert.Null(second.Get<Dictionary<string, int>>("cart"));
        Assert.Equal(["name"], second.Keys);
        Assert.False(second.IsModified);
        Assert.Equal(["name"], (await _services.Manager.OpenAsync(key)).Keys);
    }

    /// <summary>A memory store that runs an action right after one load, as a concurrent request would between two calls.</summary>
    private sealed class InterleavingStore(ISessionRecordStore inner) : DelegatingSessionRecordStore(inner)
    {
        public Func<Task>? AfterNextLoad { get; set; }

        public override async ValueTask<SessionLoadResult> LoadAsync(string recordId, CancellationToken cancellationToken = default)
        {
            var loaded = await Inner.LoadAsync(recordId, cancellationToken);
            if (AfterNextLoad is { } action)
            {
                AfterNextLoad = null;
                await action();
            }

            return loaded;
        }
    }
}
