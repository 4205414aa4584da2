using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using TypedSessions.Serialization;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Merging;

/// <summary>
/// The rules a property declares with <c>[SessionKey(Identity, OnConflict)]</c>, through the generated codec, the
/// session and the commit path: two sessions opened on one key, both changing the same value, then saved one after
/// the other; and what a merging save states to the store when nothing conflicts.
/// </summary>
public sealed class MergeRulesSaveTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SessionTestServer.StartAsync(_ => { });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_number_declared_sum_adds_both_saves_changes()
    {
        var (first, second) = await OpenTwiceAsync(tally => tally.Visits = 1);

        first.GetState<Tally>().Visits++;
        await first.SaveAsync();
        second.GetState<Tally>().Visits += 5;
        await second.SaveAsync();

        Assert.Equal(7, (await _server.Manager.OpenAsync(first.Key)).GetState<Tally>().Visits);
        Assert.Equal(7, second.GetState<Tally>().Visits);
    }

    [Fact]
    public async Task A_value_declared_reject_fails_the_later_save_and_keeps_the_earlier()
    {
        var (first, second) = await OpenTwiceAsync(tally => tally.Coupon = "WELCOME");

        first.GetState<Tally>().Coupon = "SPRING";
        await first.SaveAsync();
        second.GetState<Tally>().Coupon = "AUTUMN";
        var conflict = await Assert.ThrowsAsync<SessionConflictException>(() => second.SaveAsync().AsTask());

        Assert.Equal(["tally.Coupon"], conflict.Keys);
        Assert.Equal("SPRING", (await _server.Manager.OpenAsync(first.Key)).GetState<Tally>().Coupon);
    }

    [Fact]
    public async Task A_number_under_the_default_policy_is_last_writer_wins_and_states_no_expectation()
    {
        var (first, second) = await OpenTwiceAsync(tally => tally.Plain = 1);

        first.GetState<Tally>().Plain = 2;
        await first.SaveAsync();
        second.GetState<Tally>().Plain = 3;
        await second.SaveAsync();

        Assert.Null(_server.Store.LastUpdate!.ExpectedValues);
        Assert.Equal(["Update", "Update"], _server.Store.Calls);
        Assert.Equal(3, (await _server.Manager.OpenAsync(first.Key)).GetState<Tally>().Plain);
    }

    [Fact]
    public async Task A_list_states_what_it_loaded_and_its_declared_identity_keeps_a_raised_quantity_on_its_line()
    {
        var (first, second) = await OpenTwiceAsync(tally => tally.Items.Add(new TallyItem { Sku = "tea", Quantity = 1 }));

        first.GetState<Tally>().Items.Add(new TallyItem { Sku = "cocoa", Quantity = 1 });
        await first.SaveAsync();
        var ours = second.GetState<Tally>();
        ours.Items[0].Quantity = 4;
        await second.SaveAsync();

        var items = (await _server.Manager.OpenAsync(first.Key)).GetState<Tally>().Items;
        Assert.Equal([("tea", 4), ("cocoa", 1)], items.Select(item => (item.Sku, item.Quantity)));
    }

    [Fact]
    public async Task The_same_line_raised_in_both_sessions_stays_one_line_told_apart_by_its_declared_identity()
    {
        var (first, second) = await OpenTwiceAsync(tally => tally.Items.Add(new TallyItem { Sku = "tea", Quantity = 1 }));

        first.GetState<Tally>().Items[0].Quantity = 2;
        await first.SaveAsync();
        second.GetState<Tally>().Items[0].Quantity = 3;
        await second.SaveAsync();

        // By whole value, each side would have removed {tea, 1} and added its own line: two tea lines.
        var item = Assert.Single((await _server.Manager.OpenAsync(first.Key)).GetState<Tally>().Items);
        Assert.Equal(("tea", 3), (item.Sku, item.Quantity));
    }

    [Fact]
    public async Task A_list_save_with_nobody_else_writing_states_the_loaded_value_and_writes_once()
    {
        var (session, _) = await OpenTwiceAsync(tally => tally.Items.Add(new TallyItem { Sku = "tea", Quantity = 1 }));
        _server.Store.Reset();

        session.GetState<Tally>().Items.Add(new TallyItem { Sku = "cocoa", Quantity = 1 });
        await session.SaveAsync();

        Assert.Equal(["Update"], _server.Store.Calls);
        var expected = Assert.Single(_server.Store.LastUpdate!.ExpectedValues!);
        Assert.Equal("tally.Items", expected.Key);
        Assert.Equal("""[{"sku":"tea","quantity":1}]""", expected.Value);
    }

    [Fact]
    public async Task Retries_and_settled_conflicts_are_counted_and_logged_without_the_values()
    {
        // This server's own meter: other tests in the process merge at the same time on meters of their own.
        var meterFactory = _server.Services.GetRequiredService<IMeterFactory>();
        using var retries = new MetricCollector<long>(meterFactory, "TypedSessions", "typedsessions.merge.retries");
        using var conflicts = new MetricCollector<long>(meterFactory, "TypedSessions", "typedsessions.merge.conflicts");
        var (first, second) = await OpenTwiceAsync(tally => tally.Items.Add(new TallyItem { Sku = "secret-sku", Quantity = 1 }));

        first.GetState<Tally>().Items[0].Quantity = 2;
        await first.SaveAsync();
        second.GetState<Tally>().Items[0].Quantity = 3;
        await second.SaveAsync();

        Assert.Equal(1, Assert.Single(retries.GetMeasurementSnapshot()).Value);
        var conflict = Assert.Single(conflicts.GetMeasurementSnapshot());
        Assert.Equal(1, conflict.Value);
        Assert.Equal("last_writer_wins", conflict.Tags["typedsessions.conflict.resolution"]);
        var settled = Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "MergeConflictSettled");
        Assert.Equal(LogLevel.Debug, settled.Level);
        Assert.Equal("Session key tally.Items was changed by a concurrent save at $[*].quantity too; the merge settled it as OursKept.", settled.Message);
        Assert.Contains(_server.Logs.GetSnapshot(), log => log.Id.Name == "SessionMerged");
        Assert.DoesNotContain(_server.Logs.GetSnapshot(), log => log.Message.Contains("secret-sku", StringComparison.Ordinal));
    }

    [Fact]
    public void Merge_rules_reject_an_empty_identity_and_an_undefined_policy()
    {
        Assert.Throws<ArgumentException>(() => SessionCodecs.WithMergeRules(SessionCodecs.Int32, "", SessionConflict.Sum));
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionCodecs.WithMergeRules(SessionCodecs.Int32, null, (SessionConflict)7));
        Assert.Throws<ArgumentNullException>(() => SessionCodecs.WithMergeRules<int>(null!, null, SessionConflict.Sum));
    }

    // Two sessions on one key, both loaded with what arrange saved: two requests that started together.
    private async Task<(Session First, Session Second)> OpenTwiceAsync(Action<Tally> arrange)
    {
        var key = await _server.SeedSessionAsync(session => arrange(session.GetState<Tally>()));
        var first = await _server.Manager.OpenAsync(key);
        var second = await _server.Manager.OpenAsync(key);
        _server.Store.Reset();
        return (first, second);
    }
}

/// <summary>One value under each policy.</summary>
[SessionState("tally")]
public sealed partial class Tally
{
    [SessionKey(OnConflict = SessionConflict.Sum)]
    public partial int Visits { get; set; }

    [SessionKey(OnConflict = SessionConflict.Reject)]
    public partial string? Coupon { get; set; }

    [SessionKey(Identity = nameof(TallyItem.Sku))]
    public partial List<TallyItem> Items { get; set; }

    public partial int Plain { get; set; }
}

public sealed class TallyItem
{
    public string Sku { get; set; } = "";

    public int Quantity { get; set; }
}
