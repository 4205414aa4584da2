using System.Net;
using Microsoft.AspNetCore.Builder;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// The session is saved after the handler and before its result is written, so a failed save replaces the result with
/// a proper error; a handler that writes its own body keeps it, and the save's failure only sets the status.
/// </summary>
public sealed class CommitBeforeResponseTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    private FaultyStore Store => _server.FaultyStore();

    public async Task InitializeAsync() => _server = await FaultyStoreServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_minimal_api_value_is_replaced_by_409_when_the_save_conflicts()
    {
        var key = await StoreOutageTests.SeedAsync(_server);
        Store.UpdateOutcome = SessionWriteResult.Conflict;

        var response = await _server.SendAsync(HttpMethod.Post, "/basket/items/tea", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("changed by a concurrent request", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
    }

    [Fact]
    public async Task A_minimal_api_value_is_replaced_by_400_when_the_session_was_deleted_meanwhile()
    {
        var key = await StoreOutageTests.SeedAsync(_server);
        Store.UpdateOutcome = SessionWriteResult.NotFound;

        var response = await _server.SendAsync(HttpMethod.Post, "/basket/items/tea", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(SessionInterruptedException.DefaultMessage, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_minimal_api_value_is_replaced_by_503_when_the_store_is_down()
    {
        var key = await StoreOutageTests.SeedAsync(_server);
        var session = await _server.Manager.OpenAsync(key);
        Store.UpdateHang = new TaskCompletionSource().Task;

        var response = await _server.SendAsync(HttpMethod.Post, "/basket/items/tea", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotEqual("1", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.NotNull(session);
    }

    [Fact]
    public async Task A_handler_that_writes_its_own_body_keeps_it_and_the_failed_save_sets_the_status()
    {
        var key = await StoreOutageTests.SeedAsync(_server);
        Store.UpdateOutcome = SessionWriteResult.Conflict;

        var response = await _server.GetAsync("/write-streamed", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("streamed", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
    }

    [Fact]
    public async Task A_handler_that_writes_its_own_body_is_saved_as_the_response_starts()
    {
        var key = await StoreOutageTests.SeedAsync(_server);

        var response = await _server.GetAsync("/write-streamed", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("streamed", await response.Content.ReadAsStringAsync());
        Assert.Equal(7, (await _server.Manager.OpenAsync(key)).Get<int>("n"));
    }

    [Fact]
    public async Task With_problem_details_registered_the_failure_is_a_problem_document()
    {
        await using var server = await FaultyStoreServer.StartAsync(services: services => services.AddProblemDetails());
        var key = await StoreOutageTests.SeedAsync(server);
        server.FaultyStore().UpdateOutcome = SessionWriteResult.Conflict;

        var response = await server.SendAsync(HttpMethod.Post, "/basket/items/tea", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(409, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Session conflict", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_mvc_action_result_is_replaced_by_409_when_the_save_conflicts()
    {
        await using var server = await FaultyStoreServer.StartAsync(
            services: services => services.AddControllers().AddApplicationPart(typeof(CommitBeforeResponseTests).Assembly),
            map: app => app.MapControllers());
        var key = await StoreOutageTests.SeedAsync(server);
        server.FaultyStore().UpdateOutcome = SessionWriteResult.Conflict;

        var response = await server.SendAsync(HttpMethod.Post, "/api/basket/items?item=tea", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("changed by a concurrent request", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_mvc_action_result_is_written_after_a_successful_save()
    {
        await using var server = await FaultyStoreServer.StartAsync(
            services: services => services.AddControllers().AddApplicationPart(typeof(CommitBeforeResponseTests).Assembly),
            map: app => app.MapControllers());
        var key = await StoreOutageTests.SeedAsync(server);

        var response = await server.SendAsync(HttpMethod.Post, "/api/basket/items?item=tea", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", await response.Content.ReadAsStringAsync());
        Assert.Equal(["tea"], (await server.Manager.OpenAsync(key)).GetState<Typed.Basket>().Items);
    }
}
