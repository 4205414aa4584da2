using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.SyncOverAsyncLoadAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>TS0104: .Result, .Wait() or .GetAwaiter().GetResult() on a session I/O call.</summary>
public sealed class SyncOverAsyncLoadAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Http;
        using TypedSessions;

        """;

    private const string Cart = """

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }
        }
        """;

    // Positive cases

    [Fact]
    public async Task Result_of_GetSessionAsync_is_reported_with_the_call()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static string? Key(HttpContext context) => {|#0:context.GetSessionAsync().Result|}.Key;
            }
            """,
            Verifier.Diagnostic("TS0104").WithLocation(0).WithArguments("GetSessionAsync().Result").WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task GetAwaiter_GetResult_of_GetSessionStateAsync_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static int Count(HttpContext context)
                {
                    var cart = {|TS0104:context.GetSessionStateAsync<Cart>().GetAwaiter().GetResult()|};
                    return cart.Count;
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Blocking_on_the_session_manager_is_reported_through_AsTask_and_ConfigureAwait()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Admin(ISessionManager sessions)
            {
                public IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Decode(string key)
                {
                    var session = {|TS0104:sessions.OpenAsync(key).AsTask().Result|};
                    {|TS0104:sessions.CreateAsync().ConfigureAwait(false).GetAwaiter().GetResult()|}.Set("admin", true);
                    return {|TS0104:sessions.DecodeAsync(key).Result|};
                }
            }
            """);
    }

    [Fact]
    public async Task Waiting_for_a_save_flush_or_key_cycle_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Sessions
            {
                public static void Finish(Session session, bool signOut)
                {
                    {|TS0104:session.SaveAsync().AsTask().Wait()|};
                    if (signOut)
                    {
                        {|TS0104:session.FlushAsync().GetAwaiter().GetResult()|};
                    }
                    else
                    {
                        {|TS0104:session.CycleKeyAsync().AsTask().Wait()|};
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Waiting_for_the_AspNet_session_to_load_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static string? Name(HttpContext context)
                {
                    {|TS0104:context.Session.LoadAsync().Wait()|};
                    return context.Session.GetString("name");
                }
            }
            """);
    }

    [Fact]
    public async Task Typed_state_task_kept_in_a_local_and_blocked_on_later_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            public sealed class CartController : Controller
            {
                public IActionResult Summary()
                {
                    var loading = HttpContext.GetSessionStateAsync<Cart>();
                    ViewData["Title"] = "Your cart";
                    var cart = {|#0:loading.GetAwaiter().GetResult()|};
                    return View(cart.Count);
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0104").WithLocation(0).WithArguments("GetSessionStateAsync().GetAwaiter().GetResult()").WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations));
    }

    [Fact]
    public async Task Session_task_kept_as_a_Task_in_a_Razor_page_and_read_with_Result_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public sealed class CheckoutModel : PageModel
            {
                public int Count { get; private set; }

                public void OnGet()
                {
                    Task<Session> sessionTask = HttpContext.GetSessionAsync().AsTask();
                    ViewData["Title"] = "Checkout";
                    Count = {|TS0104:sessionTask.Result|}.GetState<Cart>().Count;
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Value_task_kept_in_a_local_and_blocked_on_through_AsTask_Wait_or_Result_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class VisitCounter(RequestDelegate next)
            {
                public Task InvokeAsync(HttpContext context)
                {
                    var loading = context.GetSessionAsync();
                    {|TS0104:loading.AsTask().Wait()|};
                    ValueTask<Cart> pending = context.GetSessionStateAsync<Cart>();
                    var count = {|TS0104:pending.AsTask().Result|}.Count;
                    var again = context.GetSessionStateAsync<Cart>();
                    count += {|TS0104:again.Result|}.Count;
                    context.Items["cart.count"] = count;
                    return next(context);
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Configured_task_kept_in_a_local_and_blocked_on_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Reminder(ISessionManager sessions)
            {
                public void Remind(string key)
                {
                    var opening = sessions.OpenAsync(key).ConfigureAwait(false);
                    var session = {|TS0104:opening.GetAwaiter().GetResult()|};
                    session.Set("reminded", true);
                    var saving = session.SaveAsync();
                    {|TS0104:saving.AsTask().Wait()|};
                }
            }
            """);
    }

    [Fact]
    public async Task Task_reassigned_to_a_session_load_on_one_path_only_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static int Count(HttpContext context, Cart? cached)
                {
                    ValueTask<Cart> loading = new(cached!);
                    if (cached is null)
                    {
                        loading = context.GetSessionStateAsync<Cart>();
                    }

                    return {|TS0104:loading.Result|}.Count;
                }

                public static int Fresh(HttpContext context, Cart? cached)
                {
                    var loading = context.GetSessionStateAsync<Cart>();
                    if (cached is not null)
                    {
                        loading = new ValueTask<Cart>(cached);
                    }

                    return {|TS0104:loading.Result|}.Count;
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Tasks_kept_in_the_loop_of_a_background_job_are_reported_at_their_first_block_only()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CartCleanup(ISessionManager sessions)
            {
                public int Run(IEnumerable<string> keys)
                {
                    var cleaned = 0;
                    foreach (var key in keys)
                    {
                        var opening = sessions.OpenAsync(key).AsTask();
                        try
                        {
                            {|TS0104:opening.Wait()|};
                            var session = opening.Result;
                            session.Remove("cart");
                            var saving = session.SaveAsync();
                            {|TS0104:saving.GetAwaiter().GetResult()|};
                            cleaned++;
                        }
                        catch (SessionTooLargeException)
                        {
                        }
                    }

                    return cleaned;
                }
            }
            """);
    }

    // Negative cases

    [Fact]
    public async Task Awaited_session_calls_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task<int> Count(HttpContext context)
                {
                    var session = await context.GetSessionAsync();
                    var cart = await context.GetSessionStateAsync<Cart>().ConfigureAwait(false);
                    await session.SaveAsync();
                    return cart.Count;
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Result_of_an_unrelated_task_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static int Answer() => Task.FromResult(42).Result;

                public static void Pause() => Task.Delay(1).Wait();
            }
            """);
    }

    [Fact]
    public async Task Task_stored_and_awaited_later_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task<string?> Key(HttpContext context)
                {
                    var loading = context.GetSessionAsync();
                    var ready = loading.IsCompleted;
                    var session = await loading;
                    return ready ? session.Key : null;
                }
            }
            """);
    }

    [Fact]
    public async Task Result_of_a_task_named_like_a_session_call_elsewhere_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Cache
            {
                public Task<string> GetSessionAsync() => Task.FromResult("cached");

                public string Read() => GetSessionAsync().Result;
            }
            """);
    }

    [Fact]
    public async Task Reading_an_already_loaded_session_synchronously_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                [LoadSession]
                public static int Visits(HttpContext context) => context.Session.GetInt32("visits") ?? 0;
            }
            """);
    }

    [Fact]
    public async Task Task_kept_in_a_local_and_awaited_before_its_Result_is_read_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            using Microsoft.AspNetCore.Mvc;

            public sealed class CartController : Controller
            {
                public async Task<IActionResult> Summary()
                {
                    var loading = HttpContext.GetSessionStateAsync<Cart>().AsTask();
                    ViewData["Title"] = "Your cart";
                    await loading;
                    return View(loading.Result.Count);
                }

                public async Task<IActionResult> Details()
                {
                    var loading = HttpContext.GetSessionStateAsync<Cart>();
                    ViewData["Title"] = "Details";
                    var cart = await loading;
                    return View(cart.Count);
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Result_after_Task_WhenAll_or_a_completion_check_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Dashboard(ISessionManager sessions)
            {
                public async Task<int> Load(HttpContext context, Func<Task<int>> loadOrders)
                {
                    var sessionTask = context.GetSessionAsync().AsTask();
                    var ordersTask = loadOrders();
                    await Task.WhenAll(sessionTask, ordersTask);
                    return sessionTask.Result.GetState<Cart>().Count + ordersTask.Result;
                }

                public async Task<bool> Open(string key)
                {
                    var opening = sessions.OpenAsync(key).AsTask();
                    if (await Task.WhenAny(opening, Task.Delay(TimeSpan.FromSeconds(1))) != opening)
                    {
                        return false;
                    }

                    return !opening.Result.IsEmpty;
                }

                public static int CountIfLoaded(HttpContext context)
                {
                    var loading = context.GetSessionStateAsync<Cart>();
                    return loading.IsCompletedSuccessfully ? loading.Result.Count : -1;
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Task_passed_to_a_method_is_not_reported_there_or_in_the_caller()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static async Task<int> Count(HttpContext context)
                {
                    var loading = context.GetSessionStateAsync<Cart>();
                    return await CountAsync(loading);
                }

                public static int Peek(HttpContext context)
                {
                    var loading = context.GetSessionStateAsync<Cart>().AsTask();
                    Observe(loading);
                    return loading.Result.Count;
                }

                private static async Task<int> CountAsync(ValueTask<Cart> loading) => (await loading).Count;

                private static void Observe(Task task) => task.ContinueWith(static t => Console.WriteLine(t.Status));

                public static int Block(Task<Cart> loading) => loading.Result.Count;
            }
            """ + Cart);
    }

    [Fact]
    public async Task Local_reassigned_to_another_task_before_blocking_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Handlers
            {
                public static int Count(HttpContext context, Cart cached)
                {
                    var loading = context.GetSessionStateAsync<Cart>();
                    loading = new ValueTask<Cart>(cached);
                    return loading.Result.Count;
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Blocking_on_a_stored_task_that_is_not_a_session_load_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Prices(Func<string, Task<decimal>> lookup)
            {
                public decimal Total(HttpContext context, string sku)
                {
                    var price = lookup(sku);
                    var session = context.Items["session"] as Task<Session>;
                    var delay = Task.Delay(10);
                    delay.Wait();
                    return price.Result + (session?.Result.IsEmpty == true ? 0 : 1);
                }
            }
            """);
    }
}
