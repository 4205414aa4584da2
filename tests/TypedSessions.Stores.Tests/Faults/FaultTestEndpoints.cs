using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TypedSessions.Stores.Tests.Faults;

/// <summary>The endpoints of the fault tests' app: one that needs no session, and three kinds of session endpoint.</summary>
internal static class FaultTestEndpoints
{
    /// <summary>The session key the counter endpoints change.</summary>
    public const string CounterKey = "n";

    /// <summary>What <c>POST /streamed</c> writes itself, whatever becomes of its save.</summary>
    public const string StreamedBody = "streamed";

    public static void Map(WebApplication app)
    {
        // No session: no store I/O, so it must answer whatever the store does.
        app.MapGet("/ping", () => "pong");

        // A minimal API result: the session is loaded before the handler and saved by the endpoint filter before the
        // int is written, so that a failed save replaces it. Cast: an async lambda taking only HttpContext would bind
        // as a RequestDelegate, which gets no endpoint filters.
        app.MapPost("/count", (Delegate)(async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            var count = session.Get<int>(CounterKey) + 1;
            session.Set(CounterKey, count);
            return count;
        })).WithSessionLoaded();

        // Reads only: nothing to save.
        app.MapGet("/count", (Delegate)(async (HttpContext context) => (await context.GetSessionAsync()).Get<int>(CounterKey)))
            .WithSessionLoaded();

        // A handler that writes its own body: the response starts in WriteAsync, so the save happens in OnStarting,
        // where a failure can only set the status line and headers.
        app.MapPost("/streamed", async (HttpContext context) =>
        {
            var session = await context.GetSessionAsync();
            session.Set(CounterKey, session.Get<int>(CounterKey) + 1);
            await context.Response.WriteAsync(StreamedBody);
        });
    }
}
