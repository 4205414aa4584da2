using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TypedSessions.Tests.Infrastructure;

namespace TypedSessions.Tests.Observability;

/// <summary>The spans of the <c>TypedSessions</c> activity source around store calls, during real requests.</summary>
public sealed class StoreSpanTests : IAsyncLifetime
{
    private SessionTestServer _server = null!;

    public async Task InitializeAsync()
        => _server = await SessionTestServer.StartAsync(app =>
        {
            app.MapGet("/write", async (HttpContext context) => (await context.GetSessionAsync()).Set("n", 42));
            app.MapGet("/increment", async (HttpContext context) =>
            {
                var session = await context.GetSessionAsync();
                session.Set("n", session.Get<int>("n") + 1);
            });
            app.MapGet("/read", async (HttpContext context) => (await context.GetSessionAsync()).Get<int>("n"));
            app.MapGet("/flush", async (HttpContext context) => await (await context.GetSessionAsync()).FlushAsync());
            app.MapGet("/sign-in", async (HttpContext context) => await (await context.GetSessionAsync()).CycleKeyAsync());
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_request_that_updates_a_session_has_a_load_span_and_an_update_span_under_the_request()
    {
        var key = await _server.SeedSessionAsync();
        using var spans = new SpanRecorder();

        await SendAsync(spans, "/write", key);

        Assert.Equal(
            [("load RecordingStore", "load"), ("update RecordingStore", "update")],
            spans.Spans.Select(span => (span.DisplayName, span.GetTagItem("db.operation.name") as string)));
        Assert.All(spans.Spans, span =>
        {
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(nameof(RecordingStore), span.GetTagItem("typedsessions.store"));
            Assert.Equal("Microsoft.AspNetCore", span.Parent?.Source.Name);
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        });
    }

    [Fact]
    public async Task A_failed_store_call_ends_its_span_with_an_error_and_the_error_type()
    {
        await using var server = await FaultyStoreServer.StartAsync();
        server.FaultyStore().Failure = new IOException("connection reset");
        using var spans = new SpanRecorder();

        await SendAsync(spans, server, "/write", key: null);

        var span = Assert.Single(spans.Spans);
        Assert.Equal("create", span.GetTagItem("db.operation.name"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(IOException).FullName, span.GetTagItem("error.type"));
    }

    [Fact]
    public async Task No_span_names_a_session_key_or_record_id()
    {
        using var spans = new SpanRecorder();
        var created = await SendAsync(spans, "/write", key: null);
        var key = created.SessionKey();
        var keys = new List<string> { key };
        await SendAsync(spans, "/read", key);
        await SendAsync(spans, "/increment", key);
        var signedIn = (await SendAsync(spans, "/sign-in", key)).SessionKey();
        keys.Add(signedIn);
        await SendAsync(spans, "/flush", signedIn);
        var recordIds = _server.Store.RecordIds.Distinct().ToList();

        Assert.Equal(["create", "load", "load", "update", "load", "create", "delete", "load", "delete"],
            spans.Spans.Select(span => span.GetTagItem("db.operation.name")));
        Assert.Equal(2, recordIds.Count);
        var secrets = keys.Concat(recordIds).ToList();
        foreach (var span in spans.Spans)
        {
            var texts = span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}").Append(span.DisplayName).Append(span.OperationName);
            foreach (var text in texts)
            {
                Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    private Task<HttpResponseMessage> SendAsync(SpanRecorder spans, string path, string? key) => SendAsync(spans, _server, path, key);

    private static async Task<HttpResponseMessage> SendAsync(SpanRecorder spans, SessionTestServer server, string path, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", spans.TraceParent);
        if (key is not null)
        {
            request.Headers.Add("Cookie", $"sessionid={key}");
        }

        return await server.Client.SendAsync(request);
    }
}
