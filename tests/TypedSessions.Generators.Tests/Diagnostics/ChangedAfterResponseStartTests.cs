using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedWhereNeverSavedAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0102, "after the response has started": every way a response starts (writes through writers, locals and helper
/// methods, executed results, Results.Stream callbacks, the next middleware), the Response.HasStarted guard, and the
/// evaluation order inside one statement.
/// </summary>
public sealed class ChangedAfterResponseStartTests
{
    private const string Usings = """
        using System;
        using System.Buffers;
        using System.Collections.Generic;
        using System.IO;
        using System.IO.Pipelines;
        using System.Text;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using TypedSessions;

        """;

    private const string Cart = """

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }

            public partial List<string> Lines { get; set; }

            public partial DateTimeOffset? LastExport { get; set; }
        }
        """;

    private const string InsideStreamCallback = "inside a Results.Stream callback, after the response has started";

    private static string Started(string start) => $"after the response has started ('{start}')";

    private static string AfterNext(string next) => $"after the next middleware ran ('{next}'), when the response has usually started";

    // Writes to the response body by any route: positive cases

    [Fact]
    public async Task Change_after_a_StreamWriter_over_the_body_writes_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            [ApiController]
            [Route("export")]
            public sealed class ExportController : ControllerBase
            {
                [HttpGet("lines")]
                public async Task Lines(Cart cart)
                {
                    await using var writer = new StreamWriter(Response.Body);
                    foreach (var line in cart.Lines)
                    {
                        await writer.WriteLineAsync(line);
                    }

                    {|#0:cart.LastExport = DateTimeOffset.UtcNow|};
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(Started("StreamWriter.WriteLineAsync")));
    }

    [Fact]
    public async Task Change_after_a_Utf8JsonWriter_over_the_body_flushes_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/cart.json", async (HttpContext context, Cart cart) =>
                    {
                        await using var json = new Utf8JsonWriter(context.Response.Body);
                        json.WriteStartObject();
                        json.WriteNumber("count", cart.Count);
                        json.WriteEndObject();
                        await json.FlushAsync();
                        {|TS0102:cart.LastExport = DateTimeOffset.UtcNow|};
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_after_JsonSerializer_writes_to_the_body_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/cart/lines", async (HttpContext context, Cart cart) =>
                    {
                        context.Response.ContentType = "application/json";
                        await JsonSerializer.SerializeAsync(context.Response.Body, cart.Lines);
                        {|#0:cart.Lines.Clear()|};
                    });
                    app.MapGet("/cart/count", (HttpContext context, Cart cart) =>
                    {
                        JsonSerializer.Serialize(context.Response.Body, cart.Count);
                        {|#1:cart.Count = 0|};
                    });
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(Started("JsonSerializer.SerializeAsync")),
            Verifier.Diagnostic("TS0102").WithLocation(1).WithArguments(Started("JsonSerializer.Serialize")));
    }

    [Fact]
    public async Task Change_after_a_result_is_executed_in_middleware_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class MaintenanceMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    if (context.Request.Path.StartsWithSegments("/admin"))
                    {
                        var session = await context.GetSessionAsync();
                        await Results.Problem("Down for maintenance", statusCode: 503).ExecuteAsync(context);
                        {|#0:session.Set("sawMaintenance", true)|};
                        return;
                    }

                    await next(context);
                }
            }
            """,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(Started("IResult.ExecuteAsync")));
    }

    [Fact]
    public async Task Change_after_an_endpoint_filter_executes_a_result_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/cart/checkout", (Cart cart) => Results.Ok(cart.Count))
                        .AddEndpointFilter(async (invocation, next) =>
                        {
                            var httpContext = invocation.HttpContext;
                            var cart = invocation.GetArgument<Cart>(0);
                            if (cart.Lines.Count == 0)
                            {
                                IResult result = TypedResults.BadRequest("empty cart");
                                await result.ExecuteAsync(httpContext);
                                {|TS0102:cart.Count = 0|};
                                return null;
                            }

                            return await next(invocation);
                        });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_after_writing_through_the_body_pipe_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class FeedEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/feed", async (HttpContext context, Cart cart) =>
                    {
                        var writer = context.Response.BodyWriter;
                        writer.Write(Encoding.UTF8.GetBytes("feed\n"));
                        {|#0:cart.Count++|};
                        await writer.FlushAsync();
                    });
                    app.MapGet("/feed/more", async (HttpContext context, Cart cart) =>
                    {
                        PipeWriter writer = context.Response.BodyWriter;
                        await writer.WriteAsync(Encoding.UTF8.GetBytes("more\n"));
                        {|#1:cart.Lines.Add("more")|};
                    });
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(Started("PipeWriter.Write")),
            Verifier.Diagnostic("TS0102").WithLocation(1).WithArguments(Started("PipeWriter.WriteAsync")));
    }

    [Fact]
    public async Task Change_after_a_write_to_the_body_held_in_a_local_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Downloads
            {
                public static async Task Receipt(HttpContext context, byte[] pdf)
                {
                    var session = await context.GetSessionAsync();
                    var body = context.Response.Body;
                    var output = body;
                    await output.WriteAsync(pdf);
                    {|#0:session.Set("receiptSent", true)|};
                }
            }
            """,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(Started("Stream.WriteAsync")));
    }

    [Fact]
    public async Task Change_after_the_body_is_handed_to_a_method_that_writes_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Downloads
            {
                public static async Task Invoice(HttpContext context, Cart cart, Stream stored)
                {
                    await stored.CopyToAsync(context.Response.Body);
                    {|#0:cart.Count = 0|};
                }

                public static async Task Summary(HttpContext context, Cart cart)
                {
                    await using var writer = new StreamWriter(context.Response.Body);
                    await RenderAsync(writer, cart);
                    {|#1:cart.Lines.Clear()|};
                }

                private static async Task RenderAsync(TextWriter output, Cart cart)
                {
                    foreach (var line in cart.Lines)
                    {
                        await output.WriteLineAsync(line);
                    }
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(Started("Stream.CopyToAsync")),
            Verifier.Diagnostic("TS0102").WithLocation(1).WithArguments(Started("Downloads.RenderAsync")));
    }

    [Fact]
    public async Task Change_inside_a_Results_Stream_callback_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class ExportEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/export.csv", (Cart cart) => Results.Stream(async stream =>
                    {
                        await using var writer = new StreamWriter(stream);
                        foreach (var line in cart.Lines)
                        {
                            await writer.WriteLineAsync(line);
                        }

                        {|#0:cart.LastExport = DateTimeOffset.UtcNow|};
                    }, "text/csv"));
                    app.MapGet("/export.bin", (HttpContext context) => TypedResults.Stream(async stream =>
                    {
                        var session = await context.GetSessionAsync();
                        {|#1:session.Set("exporting", true)|};
                        await stream.WriteAsync(new byte[] { 1, 2, 3 });
                    }));
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(InsideStreamCallback),
            Verifier.Diagnostic("TS0102").WithLocation(1).WithArguments(InsideStreamCallback));
    }

    // Writes to the response body by any route: negative cases

    [Fact]
    public async Task Change_after_creating_a_writer_over_the_body_but_before_writing_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            [ApiController]
            [Route("export")]
            public sealed class ExportController : ControllerBase
            {
                [HttpGet("lines")]
                public async Task Lines(Cart cart)
                {
                    await using var writer = new StreamWriter(Response.Body);
                    using var json = new Utf8JsonWriter(Response.Body);
                    var body = Response.Body;
                    var pipe = Response.BodyWriter;
                    cart.LastExport = DateTimeOffset.UtcNow;
                    await writer.WriteLineAsync(cart.Lines.Count.ToString());
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Writing_to_a_buffer_that_is_not_the_body_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class ReportEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/report", async (HttpContext context, Cart cart) =>
                    {
                        using var buffer = new MemoryStream();
                        await using (var writer = new StreamWriter(buffer, leaveOpen: true))
                        {
                            await writer.WriteLineAsync($"{cart.Count} items");
                        }

                        await JsonSerializer.SerializeAsync(buffer, cart.Lines);
                        var pipe = new Pipe();
                        await pipe.Writer.WriteAsync(buffer.ToArray());
                        cart.LastExport = DateTimeOffset.UtcNow;
                        buffer.Position = 0;
                        await buffer.CopyToAsync(context.Response.Body);
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_after_an_uploaded_stream_is_read_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class UploadEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/cart/import", async (HttpContext context, Cart cart) =>
                    {
                        using var reader = new StreamReader(context.Request.Body);
                        var lines = await JsonSerializer.DeserializeAsync<List<string>>(context.Request.Body);
                        cart.Lines.AddRange(lines ?? []);
                        return Results.Ok(cart.Lines.Count);
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Result_that_is_returned_rather_than_executed_is_not_a_start()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/cart/clear", (Cart cart) =>
                    {
                        var result = Results.Ok(cart.Lines);
                        cart.Lines = [];
                        return result;
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_in_the_handler_after_building_a_Results_Stream_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class ExportEndpoints
            {
                public static void Map(WebApplication app)
                {
                    // The callback runs when the result executes, after the handler returned: the change is saved.
                    app.MapGet("/export.csv", (Cart cart) =>
                    {
                        var lines = cart.Lines.ToArray();
                        var result = Results.Stream(async stream =>
                        {
                            await using var writer = new StreamWriter(stream);
                            foreach (var line in lines)
                            {
                                await writer.WriteLineAsync(line);
                            }
                        }, "text/csv");
                        cart.LastExport = DateTimeOffset.UtcNow;
                        return result;
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Results_Stream_callback_that_only_reads_or_saves_its_own_session_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class ExportEndpoints(ISessionManager sessions)
            {
                public IResult Export(Cart cart, string auditKey) => Results.Stream(async stream =>
                {
                    await using var writer = new StreamWriter(stream);
                    await writer.WriteLineAsync($"{cart.Count} items");
                    var audit = await sessions.OpenAsync(auditKey);
                    audit.Set("exported", cart.Count);
                    await audit.SaveAsync();
                });
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_on_the_path_where_a_filter_does_not_execute_its_result_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapPost("/cart/checkout", (Cart cart) => Results.Ok(cart.Count))
                        .AddEndpointFilter(async (invocation, next) =>
                        {
                            var cart = invocation.GetArgument<Cart>(0);
                            if (cart.Lines.Count == 0)
                            {
                                await TypedResults.BadRequest("empty cart").ExecuteAsync(invocation.HttpContext);
                                return null;
                            }

                            cart.Count = cart.Lines.Count;
                            return await next(invocation);
                        });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_while_filling_the_body_pipe_before_the_flush_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class FeedEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/feed", async (HttpContext context, Cart cart) =>
                    {
                        var writer = context.Response.BodyWriter;
                        var bytes = Encoding.UTF8.GetBytes($"{cart.Count} items\n");
                        bytes.CopyTo(writer.GetSpan(bytes.Length));
                        cart.LastExport = DateTimeOffset.UtcNow;
                        writer.Advance(bytes.Length);
                        await writer.FlushAsync();
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_before_a_buffered_response_is_copied_to_the_original_body_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Pages
            {
                public static async Task Render(HttpContext context, Cart cart)
                {
                    var original = context.Response.Body;
                    using var buffer = new MemoryStream();
                    await buffer.WriteAsync(Encoding.UTF8.GetBytes($"<p>{cart.Lines.Count} lines</p>"));
                    cart.Count = cart.Lines.Count;
                    context.Response.ContentLength = buffer.Length;
                    buffer.Position = 0;
                    await buffer.CopyToAsync(original);
                }
            }
            """ + Cart);
    }

    // Middleware: a change after the next middleware ran: positive cases

    [Fact]
    public async Task Change_after_next_in_a_middleware_class_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class LastPathMiddleware(RequestDelegate next)
            {
                private readonly RequestDelegate _next = next;

                public async Task InvokeAsync(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    await _next(context);
                    {|#0:session.Set("lastPath", context.Request.Path.Value)|};
                }
            }
            """,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(AfterNext("_next")));
    }

    [Fact]
    public async Task Change_after_next_in_an_IMiddleware_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class VisitCounter : IMiddleware
            {
                public async Task InvokeAsync(HttpContext context, RequestDelegate next)
                {
                    var cart = await context.GetSessionStateAsync<Cart>();
                    try
                    {
                        await next(context);
                    }
                    finally
                    {
                        {|#0:cart.Count++|};
                    }
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(AfterNext("next")));
    }

    [Fact]
    public async Task Change_after_next_in_app_Use_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.UseTypedSessions();
                    app.Use(async (context, next) =>
                    {
                        var session = await context.GetSessionAsync();
                        await next();
                        {|#0:session.Set("visits", session.Get<int>("visits") + 1)|};
                    });
                    app.Use(async (HttpContext context, RequestDelegate next) =>
                    {
                        await next(context);
                        var cart = await context.GetSessionStateAsync<Cart>();
                        {|#1:cart.LastExport = DateTimeOffset.UtcNow|};
                    });
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(AfterNext("next")),
            Verifier.Diagnostic("TS0102").WithLocation(1).WithArguments(AfterNext("next")));
    }

    // Middleware: a change after the next middleware ran: negative cases

    [Fact]
    public async Task Change_before_next_in_a_middleware_class_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class LastPathMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    session.Set("lastPath", context.Request.Path.Value);
                    await next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task Change_on_a_short_circuit_path_that_never_calls_next_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class AgeGateMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    if (!session.ContainsKey("ageConfirmed") && context.Request.Path.StartsWithSegments("/wine"))
                    {
                        session.Set("returnTo", context.Request.Path.Value);
                        context.Response.Redirect("/age-gate");
                        return;
                    }

                    await next(context);
                }
            }
            """);
    }

    [Fact]
    public async Task Change_after_an_endpoint_filter_s_next_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartEndpoints
            {
                public static void Map(WebApplication app)
                {
                    // The filter's next runs the handler; the result it returns is written after the filters.
                    app.MapPost("/cart/add", (Cart cart, string item) => { cart.Lines.Add(item); return Results.Ok(); })
                        .AddEndpointFilter(async (invocation, next) =>
                        {
                            var result = await next(invocation);
                            var cart = invocation.GetArgument<Cart>(0);
                            cart.Count = cart.Lines.Count;
                            return result;
                        });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_after_a_callback_that_is_not_the_next_middleware_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Retry
            {
                public static async Task TwiceAsync(Cart cart, Func<Task> attempt)
                {
                    await attempt();
                    cart.Count++;
                }

                public static async Task WithContextAsync(HttpContext context, Func<HttpContext, Task> work)
                {
                    await work(context);
                    var cart = await context.GetSessionStateAsync<Cart>();
                    cart.Count++;
                }
            }
            """ + Cart);
    }

    // A Response.HasStarted guard: negative cases

    [Fact]
    public async Task Change_guarded_by_HasStarted_being_false_after_next_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        var visit = await context.GetSessionStateAsync<Cart>();
                        await next();
                        if (!context.Response.HasStarted)
                        {
                            visit.Count++;
                            context.Response.Headers["X-Visits"] = visit.Count.ToString();
                        }
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_after_returning_when_HasStarted_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class LastPathMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    await next(context);
                    if (context.Response.HasStarted)
                    {
                        return;
                    }

                    session.Set("lastPath", context.Request.Path.Value);
                }
            }
            """);
    }

    [Fact]
    public async Task Change_guarded_by_HasStarted_after_a_write_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Greet(HttpContext context, Cart cart, bool flushEarly)
                {
                    if (flushEarly)
                    {
                        await context.Response.Body.FlushAsync();
                    }

                    var response = context.Response;
                    if (!response.HasStarted && cart.Lines.Count > 0)
                    {
                        cart.Count = cart.Lines.Count;
                    }

                    await context.Response.WriteAsync("hello");
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_after_a_HasStarted_check_combined_with_another_condition_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class ErrorCountMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    await next(context);
                    if (context.Response.HasStarted || context.Response.StatusCode < 400)
                    {
                        return;
                    }

                    var session = await context.GetSessionAsync();
                    session.Set("errors", session.Get<int>("errors") + 1);
                }
            }
            """);
    }

    // A Response.HasStarted guard: positive cases

    [Fact]
    public async Task Change_where_HasStarted_is_true_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class LastPathMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    await next(context);
                    if (context.Response.HasStarted)
                    {
                        {|TS0102:session.Set("streamed", true)|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Change_after_the_guarded_block_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Pipeline
            {
                public static void Configure(WebApplication app)
                {
                    app.Use(async (context, next) =>
                    {
                        var visit = await context.GetSessionStateAsync<Cart>();
                        await next();
                        if (!context.Response.HasStarted)
                        {
                            context.Response.Headers["X-Visits"] = visit.Count.ToString();
                        }

                        {|TS0102:visit.Count++|};
                    });
                }
            }
            """ + Cart);
    }

    // Order inside one statement: negative cases

    [Fact]
    public async Task Change_inside_the_arguments_of_the_write_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class VisitEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/visit", async (HttpContext context, Cart visit) =>
                    {
                        await context.Response.WriteAsync($"Visit {++visit.Count}");
                    });
                    app.MapGet("/visit.json", async (HttpContext context, Cart visit) =>
                    {
                        await context.Response.WriteAsJsonAsync(new { count = ++visit.Count, at = visit.LastExport = DateTimeOffset.UtcNow });
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_in_a_call_that_renders_the_written_text_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            [ApiController]
            [Route("cart")]
            public sealed class CartController : ControllerBase
            {
                [HttpGet("badge")]
                public async Task Badge(Cart cart)
                {
                    await Response.WriteAsync(Render(cart.Count++));
                    await Response.Body.WriteAsync(Encoding.UTF8.GetBytes(Render(cart.Lines.Count)), HttpContext.RequestAborted);
                }

                private static string Render(int count) => $"<span class=\"badge\">{count}</span>";
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_in_the_arguments_of_a_call_of_next_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class StampMiddleware(RequestDelegate next)
            {
                public async Task InvokeAsync(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    await next(Stamp(context, session.Pop<int>("pendingStamp")));
                }

                private static HttpContext Stamp(HttpContext context, int stamp)
                {
                    context.Items["stamp"] = stamp;
                    return context;
                }
            }
            """);
    }

    // Order inside one statement: positive cases

    [Fact]
    public async Task Change_in_the_statement_after_the_write_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class VisitEndpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/visit", async (HttpContext context, Cart visit) =>
                    {
                        await context.Response.WriteAsync($"Visit {visit.Count + 1}");
                        {|TS0102:visit.Count++|};
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Assignment_of_a_value_computed_by_writing_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Exports
            {
                public static async Task Export(HttpContext context, Cart cart)
                {
                    {|TS0102:cart.Count = await WriteLinesAsync(context.Response.Body, cart.Lines)|};
                }

                private static async Task<int> WriteLinesAsync(Stream output, List<string> lines)
                {
                    foreach (var line in lines)
                    {
                        await output.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
                    }

                    return lines.Count;
                }
            }
            """ + Cart);
    }

    // Straight-line handlers, which need no control flow graph when every change comes before the first start: the
    // shape itself, and the near misses that still get the full analysis.

    [Fact]
    public async Task Straight_line_handler_that_changes_then_writes_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartPages
            {
                public static async Task Summary(HttpContext context, Cart cart, string? coupon)
                {
                    cart.Count++;
                    if (coupon is not null)
                    {
                        cart.Lines.Add(coupon);
                    }
                    else
                    {
                        cart.LastExport ??= DateTimeOffset.UtcNow;
                    }

                    try
                    {
                        await context.Response.WriteAsync($"{cart.Count} items");
                    }
                    catch (OperationCanceledException)
                    {
                        Console.WriteLine(cart.Lines.Count);
                    }

                    var shown = cart.Lines.Count;
                    Console.WriteLine(shown);
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Straight_line_change_after_the_start_through_an_alias_a_helper_a_finally_or_the_written_value_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartPages
            {
                public static async Task Alias(HttpContext context, Cart cart)
                {
                    var lines = cart.Lines;
                    await context.Response.WriteAsync("ok");
                    {|TS0102:lines.Add("shown")|};
                }

                public static async Task Helper(HttpContext context, Cart cart)
                {
                    await context.Response.WriteAsJsonAsync(cart.Lines);
                    {|TS0102:Touch(cart)|};
                }

                public static async Task Finally(HttpContext context, Cart cart)
                {
                    try
                    {
                        await context.Response.WriteAsync("ok");
                    }
                    finally
                    {
                        {|TS0102:cart.Count = 0|};
                    }
                }

                public static async Task WrittenValue(HttpContext context, Cart cart)
                {
                    {|TS0102:cart.Count = await context.Response.WriteAsync("ok").ContinueWith(static _ => 1)|};
                }

                private static void Touch(Cart cart) => cart.Count++;
            }
            """ + Cart);
    }
}
