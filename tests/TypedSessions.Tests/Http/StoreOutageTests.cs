using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// A store that fails or hangs: 503 with Retry-After, fast failures while it is down, one log entry per outage, and
/// recovery by itself. Real servers paused and stopped are in the store tests' Faults folder.
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    private FaultyStore Store => _server.FaultyStore();

    public async Task InitializeAsync() => _server = await FaultyStoreServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_failing_store_answers_503_with_Retry_After_and_logs_the_outage_once()
    {
        var key = await SeedAsync(_server);
        Store.Failure = new IOException("Connection refused");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await _server.GetAsync("/read", $"sessionid={key}"));
        }

        Assert.All(responses, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("1", Assert.Single(response.Headers.GetValues("Retry-After")));
        });
        Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "StoreUnavailable");
    }

    [Fact]
    public async Task Endpoints_that_do_not_use_the_session_are_unaffected()
    {
        var key = await SeedAsync(_server);
        Store.Failure = new IOException("Connection refused");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _server.GetAsync("/read", $"sessionid={key}")).StatusCode);

        var ping = await _server.GetAsync("/ping", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("pong", await ping.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task While_the_store_is_known_down_requests_fail_without_waiting_for_the_timeout()
    {
        await using var server = await FaultyStoreServer.StartAsync(options => options.StoreTimeout = TimeSpan.FromSeconds(2));
        var key = await SeedAsync(server);
        var hung = new TaskCompletionSource();
        server.FaultyStore().Hang = hung.Task;

        var first = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.GetAsync("/read", $"sessionid={key}")).StatusCode);
        Assert.True(first.Elapsed >= TimeSpan.FromSeconds(1.9), $"The first request waited {first.Elapsed} for the store.");

        // The timeout started a probe; once it has found the store down, the outage is known.
        Assert.True(await WaitForAsync(() => Task.FromResult(server.Logs.GetSnapshot().Any(log => log.Id.Name == "StoreUnavailable"))));

        for (var i = 0; i < 5; i++)
        {
            var next = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.GetAsync("/read", $"sessionid={key}")).StatusCode);
            Assert.True(next.Elapsed < TimeSpan.FromSeconds(1), $"A request during the outage took {next.Elapsed}; it should fail at once.");
        }

        hung.SetResult();
    }

    [Fact]
    public async Task The_store_recovering_is_noticed_and_logged_once()
    {
        var key = await SeedAsync(_server);
        Store.Failure = new IOException("Connection refused");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _server.GetAsync("/read", $"sessionid={key}")).StatusCode);

        // The failure starts a probe in the background: only once it has found the store down is there an outage to
        // recover from. Answering again before that would race the probe.
        Assert.True(await WaitForAsync(() => Task.FromResult(_server.Logs.GetSnapshot().Any(log => log.Id.Name == "StoreUnavailable"))));
        Store.Failure = null;
        var recovered = await WaitForAsync(async () => (await _server.GetAsync("/read", $"sessionid={key}")).StatusCode == HttpStatusCode.OK);

        Assert.True(recovered, $"Session requests did not recover within {WaitLimit.TotalSeconds:0} s of the store answering again.");
        Assert.Equal("1", await (await _server.GetAsync("/read", $"sessionid={key}")).Content.ReadAsStringAsync());
        Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "StoreUnavailable");
        Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "StoreRecovered");
    }

    [Fact]
    public async Task A_save_that_times_out_is_a_503_that_says_it_may_have_been_written()
    {
        var key = await SeedAsync(_server);
        var hung = new TaskCompletionSource();
        Store.UpdateHang = hung.Task;

        var response = await _server.GetAsync("/write", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("may or may not have been saved", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "SaveOutcomeUnknown");
        hung.SetResult();
    }

    [Fact]
    public async Task A_failure_the_store_still_answers_a_probe_after_is_a_500_not_an_outage()
    {
        var key = await SeedAsync(_server);
        Store.UpdateFailure = new InvalidOperationException("The store rejected this value.");

        var response = await _server.GetAsync("/write", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain(_server.Logs.GetSnapshot(), log => log.Id.Name == "StoreUnavailable");
        Assert.Single(_server.Logs.GetSnapshot(), log => log.Id.Name == "SaveFailed");
        Assert.Equal(HttpStatusCode.OK, (await _server.GetAsync("/read", $"sessionid={key}")).StatusCode);
    }

    [Fact]
    public async Task One_slow_save_does_not_take_the_store_down_for_other_requests()
    {
        var slow = await SeedAsync(_server);
        var other = await SeedAsync(_server);
        var hung = new TaskCompletionSource();
        Store.UpdateHang = hung.Task;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _server.GetAsync("/write", $"sessionid={slow}")).StatusCode);
        var read = await _server.GetAsync("/read", $"sessionid={other}");
        hung.SetResult();

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain(_server.Logs.GetSnapshot(), log => log.Id.Name == "StoreUnavailable");
    }

    [Fact]
    public async Task A_call_that_fails_after_the_store_recovered_does_not_start_a_second_outage()
    {
        await using var server = await FaultyStoreServer.StartAsync(options => options.StoreTimeout = TimeSpan.FromSeconds(3));
        var slowKey = await SeedAsync(server);
        var other = await SeedAsync(server);
        var store = server.FaultyStore();
        var hung = new TaskCompletionSource();
        store.UpdateHang = hung.Task;
        var slow = server.GetAsync("/write", $"sessionid={slowKey}");
        await Task.Delay(200);
        store.Failure = new IOException("Connection refused");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.GetAsync("/read", $"sessionid={other}")).StatusCode);
        store.Failure = null;
        Assert.True(await WaitForAsync(async () => (await server.GetAsync("/read", $"sessionid={other}")).StatusCode == HttpStatusCode.OK));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await slow).StatusCode);
        hung.SetResult();

        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/read", $"sessionid={other}")).StatusCode);
        Assert.Single(server.Logs.GetSnapshot(), log => log.Id.Name == "StoreUnavailable");
        Assert.Single(server.Logs.GetSnapshot(), log => log.Id.Name == "StoreRecovered");
    }

    [Fact]
    public async Task An_explicit_save_that_times_out_in_a_handler_is_reported_as_possibly_written()
    {
        await using var server = await FaultyStoreServer.StartAsync(map: app => app.MapGet("/save-now", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            session.Set("n", 5);
            await session.SaveAsync();
        }));
        var key = await SeedAsync(server);
        var hung = new TaskCompletionSource();
        server.FaultyStore().UpdateHang = hung.Task;

        var response = await server.GetAsync("/save-now", $"sessionid={key}");
        hung.SetResult();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("may or may not have been saved", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task With_SaveEveryRequest_an_outage_does_not_fail_endpoints_that_never_use_the_session()
    {
        await using var server = await FaultyStoreServer.StartAsync(options => options.SaveEveryRequest = true);
        var key = await SeedAsync(server);
        server.FaultyStore().Failure = new IOException("Connection refused");

        var ping = await server.GetAsync("/ping", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.Equal("pong", await ping.Content.ReadAsStringAsync());
        Assert.Single(server.Logs.GetSnapshot(), log => log.Id.Name == "RefreshSkipped");
    }

    internal static async Task<string> SeedAsync(SessionTestServer server)
    {
        var session = await server.Manager.OpenAsync(null);
        session.Set("n", 1);
        await session.SaveAsync();
        return session.Key!;
    }

    // A wait, not a bound: it returns as soon as the condition holds. Generous, because finding the store down takes a
    // probe that waits out the store timeout itself, which a machine running other test assemblies stretches.
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < WaitLimit)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
