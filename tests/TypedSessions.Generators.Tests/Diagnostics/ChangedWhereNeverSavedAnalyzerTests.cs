using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedWhereNeverSavedAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>TS0102: session state changed after the response started, in OnCompleted, or in work that outlives the request.</summary>
public sealed class ChangedWhereNeverSavedAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using TypedSessions;

        """;

    private const string Cart = """

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }

            public partial List<string> Lines { get; set; }
        }
        """;

    // Positive cases

    [Fact]
    public async Task Change_after_a_response_write_in_a_minimal_api_handler_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Endpoints
            {
                public static void Map(WebApplication app)
                {
                    app.MapGet("/hello", async (HttpContext context) =>
                    {
                        var session = await context.GetSessionAsync();
                        await context.Response.WriteAsync("hello");
                        {|#0:session.Set("greeted", true)|};
                    });
                }
            }
            """,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments("after the response has started ('Response.WriteAsync')"));
    }

    [Fact]
    public async Task Typed_property_set_after_StartAsync_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Stream(HttpContext context, Cart cart)
                {
                    await context.Response.StartAsync();
                    {|TS0102:cart.Count++|};
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_in_a_loop_that_writes_to_the_body_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Export(HttpContext context, IReadOnlyList<byte[]> chunks)
                {
                    var session = await context.GetSessionAsync();
                    for (var i = 0; i < chunks.Count; i++)
                    {
                        {|TS0102:session.Set("exported", i)|};
                        await context.Response.Body.WriteAsync(chunks[i]);
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task AspNet_session_write_after_SendFileAsync_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Download(HttpContext context)
                {
                    await context.Response.SendFileAsync("report.pdf");
                    {|TS0102:context.Session.SetString("downloaded", "report.pdf")|};
                }
            }
            """);
    }

    [Fact]
    public async Task Key_cycle_after_the_response_started_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task SignIn(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    await context.Response.WriteAsJsonAsync(new { ok = true });
                    await {|TS0102:session.CycleKeyAsync()|};
                }
            }
            """);
    }

    [Fact]
    public async Task Change_in_OnCompleted_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Checkout(HttpContext context, Cart cart)
                {
                    context.Response.OnCompleted(() =>
                    {
                        {|#0:cart.Lines.Clear()|};
                        return Task.CompletedTask;
                    });
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments("inside a Response.OnCompleted callback, after the response was sent"));
    }

    [Fact]
    public async Task Change_in_a_discarded_Task_Run_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Visit(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    _ = Task.Run(async () =>
                    {
                        await Task.Delay(1000);
                        {|#0:session.Remove("pending")|};
                    });
                }
            }
            """,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments("in fire-and-forget work ('Task.Run' is not awaited), which outlives the request"));
    }

    [Fact]
    public async Task Change_in_a_timer_or_thread_pool_callback_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static Timer Remind(Session session)
                {
                    ThreadPool.QueueUserWorkItem(_ => {|TS0102:session.Set("queued", true)|});
                    return new Timer(_ => {|TS0102:session.MarkModified()|}, null, 1000, Timeout.Infinite);
                }
            }
            """);
    }

    [Fact]
    public async Task Unawaited_async_call_that_changes_the_session_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Visit(Cart cart)
                {
                    {|#0:RecordVisitAsync(cart)|};
                }

                private static async Task RecordVisitAsync(Cart cart)
                {
                    await Task.Delay(10);
                    cart.Count++;
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments("in un-awaited async work ('RecordVisitAsync'), which outlives the request"));
    }

    // Negative cases

    [Fact]
    public async Task Change_before_the_response_starts_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Visit(HttpContext context, Cart cart)
                {
                    cart.Count++;
                    cart.Lines.Add("apple");
                    context.Response.StatusCode = 201;
                    context.Response.Headers["X-Items"] = cart.Count.ToString();
                    await context.Response.WriteAsync($"{cart.Count} items");
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Change_on_a_path_that_does_not_write_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Visit(HttpContext context, bool stream)
                {
                    var session = await context.GetSessionAsync();
                    if (stream)
                    {
                        await context.Response.WriteAsync("streamed");
                        return;
                    }

                    session.Set("streamed", false);
                }
            }
            """);
    }

    [Fact]
    public async Task Awaited_Task_Run_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Visit(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    await Task.Run(() => session.Set("computed", 42));
                    var pending = Task.Run(() => session.Remove("pending"));
                    await pending;
                }
            }
            """);
    }

    [Fact]
    public async Task OnStarting_callback_runs_before_the_headers_and_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Visit(HttpContext context, Cart cart)
                {
                    context.Response.OnStarting(() =>
                    {
                        cart.Count++;
                        return Task.CompletedTask;
                    });
                    context.Response.OnCompleted(() =>
                    {
                        Console.WriteLine(cart.Count);
                        return Task.CompletedTask;
                    });
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Session_opened_through_the_manager_after_the_response_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Handlers(ISessionManager sessions)
            {
                public async Task Notify(HttpContext context, string otherKey)
                {
                    await context.Response.WriteAsync("queued");
                    var other = await sessions.OpenAsync(otherKey);
                    other.Set("notified", true);
                    await other.SaveAsync();
                    context.Response.OnCompleted(async () =>
                    {
                        var late = await sessions.OpenAsync(otherKey);
                        late.Set("completed", true);
                        await late.SaveAsync();
                    });
                }
            }
            """);
    }

    [Fact]
    public async Task Unawaited_async_call_that_only_reads_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static void Visit(Cart cart)
                {
                    _ = LogAsync(cart);
                }

                private static async Task LogAsync(Cart cart)
                {
                    await Task.Delay(10);
                    Console.WriteLine(cart.Count);
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Task_Run_that_only_reads_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Visit(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    var count = session.Get<int>("count");
                    _ = Task.Run(() => Console.WriteLine(count));
                }
            }
            """);
    }

    [Fact]
    public async Task Task_Run_handed_back_to_the_caller_is_not_fire_and_forget()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static Task Recalculate(Cart cart) => Task.Run(() => cart.Count = cart.Lines.Count);

                public static Task RecalculateLater(Cart cart)
                {
                    return Task.Factory.StartNew(() => cart.Lines.Sort());
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Timer_that_opens_and_saves_its_own_session_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Sweeper(ISessionManager sessions)
            {
                public Timer Start(string key)
                    => new(async _ =>
                    {
                        var session = await sessions.OpenAsync(key);
                        session.Remove("lock");
                        await session.SaveAsync();
                    }, null, 1000, Timeout.Infinite);
            }
            """);
    }

    [Fact]
    public async Task Write_in_an_OnStarting_callback_does_not_start_the_handler_s_response()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task Visit(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    context.Response.OnStarting(async () => await context.Response.Body.FlushAsync());
                    session.Set("visited", true);
                }
            }
            """);
    }
}
