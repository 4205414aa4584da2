using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// A sign-in's key cycle when the store fails: the browser always ends up with a key that names the session's only
/// record, and a planted key never survives a cycle that did not complete.
/// </summary>
public sealed class CycleKeyFailureTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    private FaultyStore Store => _server.FaultyStore();

    public async Task InitializeAsync() => _server = await FaultyStoreServer.StartAsync(map: app =>
    {
        app.MapGet("/sign-in", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            await session.CycleKeyAsync();
            session.Set("user", "ann");
        });

        // A handler that carries on after a failed cycle: what it set before and after must reach the old record.
        app.MapGet("/sign-in-or-carry-on", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            session.Set("before", 1);
            try
            {
                await session.CycleKeyAsync();
            }
            catch (InvalidOperationException)
            {
            }

            session.Set("after", 2);
        });

        app.MapGet("/cycle-flush-fail", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            await session.CycleKeyAsync();
            await session.FlushAsync();
            session.Set("n", 3);
            context.Response.StatusCode = 500;
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task When_the_save_after_a_cycle_fails_the_browser_still_gets_the_new_key()
    {
        var planted = await StoreOutageTests.SeedAsync(_server);
        Store.UpdateOutcome = SessionWriteResult.Conflict;

        var response = await _server.GetAsync("/sign-in", $"sessionid={planted}");
        Store.UpdateOutcome = null;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var cycled = response.SessionKey();
        Assert.NotEqual(planted, cycled);
        Assert.Equal("1", await (await _server.GetAsync("/read", $"sessionid={cycled}")).Content.ReadAsStringAsync());
        Assert.False(await _server.Manager.ExistsAsync(planted));
    }

    [Fact]
    public async Task A_cycle_whose_old_record_cannot_be_deleted_keeps_the_old_key_and_leaves_no_new_one()
    {
        var planted = await StoreOutageTests.SeedAsync(_server);
        Store.DeleteFailure = new InvalidOperationException("The store refused the delete.");

        // The store answers its probe, so this is the call's own error: the handler fails with it (TestServer rethrows).
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _server.GetAsync("/sign-in", $"sessionid={planted}"));
        Store.DeleteFailure = null;

        Assert.Equal("The store refused the delete.", error.Message);
        Assert.True(await _server.Manager.ExistsAsync(planted));
        Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "OrphanedRecordNotDeleted");
        Assert.Equal("1", await (await _server.GetAsync("/read", $"sessionid={planted}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_completed_cycle_writes_the_new_record_once_with_the_data_set_after_it()
    {
        var planted = await StoreOutageTests.SeedAsync(_server);

        var response = await _server.GetAsync("/sign-in", $"sessionid={planted}");

        var cycled = response.SessionKey();
        var session = await _server.Manager.OpenAsync(cycled);
        Assert.Equal("ann", session.Get<string>("user"));
        Assert.Equal(1, session.Get<int>("n"));
        Assert.False(await _server.Manager.ExistsAsync(planted));
    }

    [Fact]
    public async Task A_handler_that_carries_on_after_a_failed_cycle_saves_everything_to_the_old_record()
    {
        var planted = await StoreOutageTests.SeedAsync(_server);
        Store.DeleteFailure = new InvalidOperationException("The store refused the delete.");

        var response = await _server.GetAsync("/sign-in-or-carry-on", $"sessionid={planted}");
        Store.DeleteFailure = null;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await _server.Manager.OpenAsync(planted);
        Assert.Equal(1, session.Get<int>("before"));
        Assert.Equal(2, session.Get<int>("after"));
    }

    [Fact]
    public async Task A_cycle_then_a_flush_in_a_failing_request_sends_no_key_and_does_not_break_the_response()
    {
        var planted = await StoreOutageTests.SeedAsync(_server);

        var response = await _server.GetAsync("/cycle-flush-fail", $"sessionid={planted}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(response.SetCookies(), cookie => !cookie.StartsWith("sessionid=;", StringComparison.Ordinal));
        Assert.DoesNotContain(_server.Logs.GetSnapshot(), log => log.Id.Name == "CommitFailedAsResponseStarted");
    }
}
