using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// Two requests change one session: different keys always both survive; the same key is last-writer-wins by default,
/// or a 409 in optimistic mode.
/// </summary>
public sealed class ConcurrencyModeTests
{
    // The handler loads the session, then a "concurrent request" (through ISessionManager) saves its change first.
    private static Task<SessionTestServer> StartAsync(SessionConcurrency mode) => SessionTestServer.StartAsync(
        app => app.MapGet("/race/{concurrentKey}/{ownKey}", async (string concurrentKey, string ownKey, HttpContext context, ISessionManager manager) =>
        {
            var session = await context.GetSessionAsync();
            var concurrent = await manager.OpenAsync(session.Key);
            concurrent.Set(concurrentKey, "concurrent");
            await concurrent.SaveAsync();

            session.Set(ownKey, "mine");
            return Results.Redirect("/done");
        }),
        options => options.Concurrency = mode);

    [Fact]
    public async Task Same_key_is_last_writer_wins_by_default()
    {
        await using var server = await StartAsync(SessionConcurrency.LastWriterWins);
        var key = await server.SeedSessionAsync(session => session.Set("a", "seed"));

        var response = await server.GetAsync("/race/a/a", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("mine", (await server.Manager.OpenAsync(key)).Get<string>("a"));
    }

    [Fact]
    public async Task Same_key_in_optimistic_mode_answers_409_and_keeps_the_first_write()
    {
        await using var server = await StartAsync(SessionConcurrency.Optimistic);
        var key = await server.SeedSessionAsync(session => session.Set("a", "seed"));

        var response = await server.GetAsync("/race/a/a", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("changed by a concurrent request", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        Assert.Equal("concurrent", (await server.Manager.OpenAsync(key)).Get<string>("a"));
    }

    [Theory]
    [InlineData(SessionConcurrency.LastWriterWins)]
    [InlineData(SessionConcurrency.Optimistic)]
    public async Task Different_keys_both_survive_in_either_mode(SessionConcurrency mode)
    {
        await using var server = await StartAsync(mode);
        var key = await server.SeedSessionAsync();

        var response = await server.GetAsync("/race/x/y", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await server.Manager.OpenAsync(key);
        Assert.Equal("concurrent", stored.Get<string>("x"));
        Assert.Equal("mine", stored.Get<string>("y"));
    }

    [Fact]
    public async Task Optimistic_save_outside_a_request_throws_a_conflict_naming_the_keys()
    {
        await using var services = new SessionServices(configure: options => options.Concurrency = SessionConcurrency.Optimistic);
        var seed = await services.Manager.OpenAsync(null);
        seed.Set("a", 1);
        await seed.SaveAsync();
        var first = await services.Manager.OpenAsync(seed.Key);
        var second = await services.Manager.OpenAsync(seed.Key);
        first.Set("a", 2);
        await first.SaveAsync();
        second.Set("a", 3);

        var conflict = await Assert.ThrowsAsync<SessionConflictException>(() => second.SaveAsync().AsTask());

        Assert.Equal(["a"], conflict.Keys);
        Assert.Equal(2, (await services.Manager.OpenAsync(seed.Key)).Get<int>("a"));
    }
}
