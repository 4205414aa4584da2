using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Http;

/// <summary>
/// A handler that changes the session and then throws saves nothing (Django skips the save on a failed request), whatever
/// status the response ends up with: a 500 from the host, a 302 from an outer middleware that catches the exception, or
/// the status an <c>UseExceptionHandler</c> handler chooses. Only the flag set when the exception passed the session
/// middleware tells the last three apart from a request that went well.
/// </summary>
public sealed class ThrowingHandlerTests
{
    private static void MapThrowingHandler(WebApplication app) => app.MapGet("/change-then-throw", async (HttpContext context) =>
    {
        var session = await context.GetSessionAsync();
        session.Set("name", "after");
        session.Set("added", 1);
        throw new InvalidOperationException("The handler failed after changing the session.");
    });

    [Fact]
    public async Task With_no_outer_handler_the_exception_reaches_the_host_and_nothing_is_saved()
    {
        await using var server = await SessionTestServer.StartAsync(MapThrowingHandler);
        var key = await SeedAsync(server);

        // TestServer hands an unhandled exception to the client where Kestrel would answer 500.
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => server.GetAsync("/change-then-throw", $"sessionid={key}"));

        Assert.Equal("The handler failed after changing the session.", exception.Message);
        await AssertNothingSavedAsync(server, key);
    }

    [Fact]
    public async Task Outer_middleware_that_answers_302_saves_nothing_and_sends_no_cookie()
    {
        await using var server = await SessionTestServer.StartAsync(
            app =>
            {
                // Registered before the session middleware, so it sees the exception after the session middleware did.
                app.Use(async (context, next) =>
                {
                    try
                    {
                        await next(context);
                    }
                    catch (InvalidOperationException)
                    {
                        context.Response.Redirect("/oops");
                    }
                });
                app.UseTypedSessions();
                MapThrowingHandler(app);
            },
            useMiddleware: false);
        var key = await SeedAsync(server);

        var response = await server.GetAsync("/change-then-throw", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/oops", response.Headers.Location?.OriginalString);
        Assert.Empty(response.SetCookies());
        await AssertNothingSavedAsync(server, key);
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest)]
    [InlineData(StatusCodes.Status302Found)]
    [InlineData(StatusCodes.Status500InternalServerError)]
    public async Task Exception_handler_answering_any_status_saves_nothing_and_sends_no_cookie(int status)
    {
        await using var server = await SessionTestServer.StartAsync(
            app =>
            {
                app.UseExceptionHandler(new ExceptionHandlerOptions
                {
                    // The handler leaves 500 as the exception handler set it, or chooses another status.
                    ExceptionHandler = context =>
                    {
                        if (status != StatusCodes.Status500InternalServerError)
                        {
                            context.Response.StatusCode = status;
                        }

                        return context.Response.WriteAsync("handled");
                    },
                });
                app.UseTypedSessions();
                MapThrowingHandler(app);
            },
            useMiddleware: false);
        var key = await SeedAsync(server);

        var response = await server.GetAsync("/change-then-throw", $"sessionid={key}");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("handled", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        await AssertNothingSavedAsync(server, key);
    }

    [Fact]
    public async Task Exception_handler_that_re_executes_a_path_through_the_session_middleware_saves_nothing()
    {
        await using var server = await SessionTestServer.StartAsync(
            app =>
            {
                app.UseExceptionHandler("/error");
                app.UseTypedSessions();
                MapThrowingHandler(app);
                // The error page runs through the session middleware again, in the same request, and answers 200.
                app.MapGet("/error", () => "handled");
            },
            useMiddleware: false);
        var key = await SeedAsync(server);

        var response = await server.GetAsync("/change-then-throw", $"sessionid={key}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("handled", await response.Content.ReadAsStringAsync());
        Assert.Empty(response.SetCookies());
        await AssertNothingSavedAsync(server, key);
    }

    private static Task<string> SeedAsync(SessionTestServer server) => server.SeedSessionAsync(session => session.Set("name", "before"));

    /// <summary>The store holds exactly the seeded session, and the request wrote nothing to it.</summary>
    private static async Task AssertNothingSavedAsync(SessionTestServer server, string key)
    {
        Assert.Equal(["Load"], server.Store.Calls);
        var stored = await server.Manager.DecodeAsync(key);
        Assert.NotNull(stored);
        Assert.Equal(
            new Dictionary<string, string> { ["name"] = "\"before\"", ["seeded"] = "true" },
            stored.ToDictionary(pair => pair.Key, pair => pair.Value.GetRawText()));
    }
}
