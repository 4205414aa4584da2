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

    private const string WellFormedCookie = "theme=dark; sessionid=abcdefghijklmnopqrstuvwxyz012345";

    [Theory]
    [InlineData(null)]
    [InlineData(WellFormedCookie)]
    public async Task A_request_that_never_touches_the_session_allocates_nothing(string? cookie)
    {
        await using var connection = Connection.Start(_ => Task.CompletedTask);

        Assert.Equal(0, connection.AllocatedPerRequest(cookie));
        Assert.Null(connection.Context.Features.Get<TypedSessionFeature>());
    }

    [Fact]
    public async Task The_same_count_sees_what_a_request_that_uses_the_session_allocates()
    {
        // The meter is live: the same harness counts the allocations of a request that reads the session, and of
        // untouched requests whose cookie the response must act on: a malformed one is deleted, and SaveEveryRequest
        // refreshes the session a well-formed one names.
        await using var reading = Connection.Start(async context => await context.GetSessionAsync());
        await using var untouched = Connection.Start(_ => Task.CompletedTask);
        await using var refreshing = Connection.Start(_ => Task.CompletedTask, options => options.SaveEveryRequest = true);

        Assert.True(reading.AllocatedPerRequest(cookie: null) > 0);
        Assert.True(untouched.AllocatedPerRequest(cookie: "sessionid=not-a-key") > 0);
        Assert.True(refreshing.AllocatedPerRequest(WellFormedCookie) > 0);
        Assert.NotNull(refreshing.Context.Features.Get<TypedSessionFeature>());
    }

    private sealed class Connection(ServiceProvider services, RequestDelegate pipeline, FeatureCollection features) : IAsyncDisposable
    {
        public HttpContext Context { get; } = new DefaultHttpContext(features);

        public static Connection Start(RequestDelegate endpoint, Action<TypedSessionsOptions>? configure = null)
        {
            var services = new ServiceCollection().AddLogging().AddTypedSessions(configure).AddMemoryStore().Services.BuildServiceProvider();
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
