using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TypedSessions.Stores;
using TypedSessions.Tests.Infrastructure;
using TypedSessions.Tests.Typed;

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
        Assert.Equal(["Cookie"], response.Vary());
    }

    [Fact]
    public async Task A_save_that_failed_before_the_result_is_not_tried_again_as_the_response_starts()
    {
        var key = await StoreOutageTests.SeedAsync(_server);
        Store.UpdateOutcome = SessionWriteResult.NotFound;
        var callsBefore = Store.Calls;

        var response = await _server.SendAsync(HttpMethod.Post, "/basket/items/tea", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(2, Store.Calls - callsBefore); // the load and the one update
    }

    [Theory]
    [InlineData(StatusCodes.Status500InternalServerError)]
    [InlineData(StatusCodes.Status503ServiceUnavailable)]
    public async Task A_minimal_api_result_that_declares_a_server_error_saves_nothing(int status)
    {
        await using var server = await FaultyStoreServer.StartAsync(map: app => app.MapPost("/basket/fail", (Basket basket) =>
        {
            basket.Items.Add("tea");
            return Results.StatusCode(status);
        }));
        var key = await StoreOutageTests.SeedAsync(server);
        var callsBefore = server.FaultyStore().Calls;

        var response = await server.SendAsync(HttpMethod.Post, "/basket/fail", $"sessionid={key}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(response.SetCookies());
        Assert.Equal(1, server.FaultyStore().Calls - callsBefore); // the load alone
        Assert.Empty((await server.Manager.OpenAsync(key)).GetState<Basket>().Items);
    }

    [Fact]
    public async Task A_value_that_cannot_be_serialized_when_a_handler_starts_its_body_fails_the_response_and_is_logged()
    {
        await using var server = await FaultyStoreServer.StartAsync(map: app => app.MapGet("/loop", async (HttpContext context) =>
        {
            var node = (await context.GetSessionAsync()).Get<Node>("node")!;
            node.Children.Add(node);
            await context.Response.WriteAsync("streamed");
        }));
        var seeded = await server.Manager.OpenAsync(null);
        seeded.Set("node", new Node());
        await seeded.SaveAsync();
        var callsBefore = server.FaultyStore().Calls;

        var response = await server.GetAsync("/loop", $"sessionid={seeded.Key}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty(response.SetCookies());
        var logged = Assert.Single(server.Logs.GetSnapshot(), log => log.Id.Name == "CommitFailedAsResponseStarted");
        Assert.IsType<JsonException>(logged.Exception);
        Assert.Equal(1, server.FaultyStore().Calls - callsBefore); // the load alone
        Assert.Empty((await server.Manager.OpenAsync(seeded.Key)).Get<Node>("node")!.Children);
    }

    /// <summary>A value that can refer to itself, which JSON cannot hold.</summary>
    public sealed class Node
    {
        public List<Node> Children { get; set; } = [];
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
