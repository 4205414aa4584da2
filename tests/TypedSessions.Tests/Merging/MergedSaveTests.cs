using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Merging;

/// <summary>
/// Saves in <see cref="SessionConcurrency.Merge"/> mode (the default) through the engine: a save that finds its key changed meanwhile
/// merges and writes again, and afterwards the session holds the merged value.
/// </summary>
public sealed class MergedSaveTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(_ => { });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Two_sessions_adding_to_one_list_both_keep_their_item_and_the_later_one_holds_the_merge()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("cart", new List<string> { "tea" }));
        var first = await _server.Manager.OpenAsync(key);
        var second = await _server.Manager.OpenAsync(key);

        first.Get<List<string>>("cart")!.Add("coffee");
        await first.SaveAsync();
        second.Get<List<string>>("cart")!.Add("cocoa");
        await second.SaveAsync();

        Assert.Equal(["tea", "coffee", "cocoa"], second.Get<List<string>>("cart"));
        Assert.False(second.IsModified);
        Assert.Equal(["tea", "coffee", "cocoa"], (await _server.Manager.OpenAsync(key)).Get<List<string>>("cart"));
        Assert.Equal(["Load", "Load", "Update", "Update", "Load", "Update", "Load"], _server.Store.Calls);
    }

    [Fact]
    public async Task A_save_whose_key_nobody_else_changed_costs_one_write_as_before()
    {
        var key = await _server.SeedSessionAsync(session => session.Set("cart", new List<string> { "tea" }));
        var session = await _server.Manager.OpenAsync(key);

        session.Get<List<string>>("cart")!.Add("coffee");
        await session.SaveAsync();

        Assert.Equal(["Load", "Update"], _server.Store.Calls);
    }

    [Fact]
    public async Task Under_last_writer_wins_the_later_save_of_the_same_key_wins()
    {
        await using var server = await SessionTestServer.StartAsync(_ => { }, options => options.Concurrency = SessionConcurrency.LastWriterWins);
        var key = await server.SeedSessionAsync(session => session.Set("cart", new List<string> { "tea" }));
        var first = await server.Manager.OpenAsync(key);
        var second = await server.Manager.OpenAsync(key);

        first.Get<List<string>>("cart")!.Add("coffee");
        await first.SaveAsync();
        second.Get<List<string>>("cart")!.Add("cocoa");
        await second.SaveAsync();

        Assert.Equal(["tea", "cocoa"], (await server.Manager.OpenAsync(key)).Get<List<string>>("cart"));
    }
}
