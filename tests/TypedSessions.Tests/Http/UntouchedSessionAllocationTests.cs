using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TypedSessions.Tests.Http;

/// <summary>
/// What the middleware allocates for a request that never touches the session, counted on the thread that runs the
/// pipeline, the way Kestrel runs it: one <see cref="HttpContext"/> and feature collection reused by every request of a
/// connection, with the connection's <see cref="IPersistentStateFeature"/>.
/// </summary>
public sealed class UntouchedSessionAllocationTests
{
    private const int Requests = 200;

    [Fact]
    public async Task A_request_that_never_touches_the_session_and_carries_no_session_cookie_allocates_nothing()
    {
        await using var connection = Connection.Start(_ => Task.CompletedTask);

        Assert.Equal(0, connection.AllocatedPerRequest(cookie: null));
        Assert.Null(connection.Context.Features.Get<TypedSessionFeature>());
    }

    [Fact]
    public async Task The_same_count_sees_what_a_request_that_uses_the_session_allocates()
    {
        // The meter is live: the same harness counts the allocations of a request that reads the session, and of one
        // that carries the session cookie (its fate is decided as the response starts, so the session is attached).
        await using var reading = Connection.Start(context => context.GetSessionAsync().AsTask());
        await using var untouched = Connection.Start(_ => Task.CompletedTask);

        Assert.True(reading.AllocatedPerRequest(cookie: null) > 0);
        Assert.True(untouched.AllocatedPerRequest(cookie: "sessionid=not-a-key") > 0);
    }

    private sealed class Connection(ServiceProvider services, RequestDelegate pipeline, FeatureCollection features) : IAsyncDisposable
    {
        public HttpContext Context { get; } = new DefaultHttpContext(features);

        public static Connection Start(RequestDelegate endpoint)
        {
            var services = new ServiceCollection().AddLogging().AddTypedSessions().AddMemoryStore().Services.BuildServiceProvider();
            var app = new ApplicationBuilder(services);
            app.UseTypedSessions();
            app.Run(endpoint);

            var features = new FeatureCollection();
            features.Set<IHttpRequestFeature>(new HttpRequestFeature { Method = "GET", Path = "/" });
            features.Set<IHttpResponseFeature>(new HttpResponseFeature());
            features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
            features.Set<IPersistentStateFeature>(new ConnectionState());
            return new Connection(services, app.Build(), features);
        }

        /// <summary>Bytes allocated per request on this thread, after warm-up; every request must complete synchronously.</summary>
        public long AllocatedPerRequest(string? cookie)
        {
            Context.Request.Headers.Cookie = cookie;
            for (var i = 0; i < 20; i++)
            {
                Run();
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Requests; i++)
            {
                Run();
            }

            return (GC.GetAllocatedBytesForCurrentThread() - before) / Requests;
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();

        // What Kestrel resets between the requests of a connection.
        private void Run()
        {
            features.Set<ISessionFeature>(null);
            features.Set<TypedSessionFeature>(null);
            var request = pipeline(Context);
            Assert.True(request.IsCompletedSuccessfully);
        }
    }

    private sealed class ConnectionState : IPersistentStateFeature
    {
        public IDictionary<object, object?> State { get; } = new Dictionary<object, object?>();
    }
}
