using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedWhereNeverSavedAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0102 in code the request does not wait for: helpers called from an <c>OnCompleted</c> (or fire-and-forget, timer)
/// callback that change the session they are given, and <c>async void</c> methods, lambdas and local functions that
/// change the request's session after an await.
/// </summary>
public sealed class ChangedInUnwaitedCodeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
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

            public partial DateTimeOffset? CheckedOut { get; set; }
        }
        """;

    private const string OnCompleted = "inside a Response.OnCompleted callback, after the response was sent";

    // Helpers called from callbacks

    [Fact]
    public async Task Helper_that_changes_the_cart_called_from_OnCompleted_is_reported_at_the_call()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CheckoutController : ControllerBase
            {
                [HttpPost("/checkout")]
                public IActionResult Checkout(Cart cart)
                {
                    Response.OnCompleted(() =>
                    {
                        {|#0:CartRules.Empty(cart)|};
                        {|#1:MarkCheckedOut(HttpContext.Features.Get<Session>()!)|};
                        return Task.CompletedTask;
                    });
                    return Ok();

                    static void MarkCheckedOut(Session session) => session.Set("checked-out", true);
                }
            }

            internal static class CartRules
            {
                public static void Empty(Cart cart)
                {
                    cart.Lines.Clear();
                    cart.Count = 0;
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments(OnCompleted),
            Verifier.Diagnostic("TS0102").WithLocation(1).WithArguments(OnCompleted));
    }

    [Fact]
    public async Task Helper_that_changes_the_cart_called_from_a_discarded_Task_Run_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartEndpoints
            {
                public static void MapCartEndpoints(this WebApplication app)
                {
                    app.MapGroup("/cart").MapPost("/archive", (Cart cart) =>
                    {
                        _ = Task.Run(() => {|TS0102:Archive(cart)|});
                        return Results.Accepted();
                    });
                }

                private static void Archive(Cart cart) => cart.CheckedOut = DateTimeOffset.UtcNow;
            }
            """ + Cart);
    }

    [Fact]
    public async Task Helpers_that_only_read_or_work_on_a_managed_session_are_not_reported_from_OnCompleted()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CheckoutController(ISessionManager sessions) : ControllerBase
            {
                [HttpPost("/checkout")]
                public IActionResult Checkout(Cart cart)
                {
                    var key = HttpContext.Features.Get<Session>()!.Key;
                    Response.OnCompleted(async () =>
                    {
                        Log(cart);
                        var later = await sessions.OpenAsync(key!);
                        Touch(later);
                        await later.SaveAsync();
                    });
                    return Ok();
                }

                private static void Log(Cart cart) => Console.WriteLine(cart.Count);

                private static void Touch(Session session) => session.Set("touched", true);
            }
            """ + Cart);
    }

    [Fact]
    public async Task Helper_that_changes_the_cart_called_before_the_response_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CheckoutController : ControllerBase
            {
                [HttpPost("/checkout")]
                public IActionResult Checkout(Cart cart)
                {
                    Empty(cart);
                    Response.OnCompleted(() =>
                    {
                        Console.WriteLine("sent");
                        return Task.CompletedTask;
                    });
                    return Ok();
                }

                private static void Empty(Cart cart) => cart.Lines.Clear();
            }
            """ + Cart);
    }

    // async void

    [Fact]
    public async Task Async_void_method_that_changes_the_cart_after_an_await_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CartController(IHttpClientFactory clients) : ControllerBase
            {
                [HttpPost("/cart/{sku}")]
                public IActionResult Add(string sku, Cart cart)
                {
                    cart.Lines.Add(sku);
                    RefreshCount(cart);
                    return Ok(cart.Count);
                }

                private async void RefreshCount(Cart cart)
                {
                    var count = await Task.FromResult(cart.Lines.Count);
                    {|#0:cart.Count = count|};
                }
            }

            public interface IHttpClientFactory;
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments("after an await in async void 'RefreshCount', which nothing waits for"));
    }

    [Fact]
    public async Task Async_void_lambda_in_ForEach_that_changes_the_cart_after_an_await_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class CartEndpoints
            {
                public static void MapCartEndpoints(this WebApplication app)
                {
                    app.MapGroup("/cart").MapPost("/bulk", (List<string> skus, Cart cart) =>
                    {
                        skus.ForEach(async sku =>
                        {
                            await Task.Yield();
                            {|#0:cart.Lines.Add(sku)|};
                        });
                        return Results.Ok();
                    });
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments("after an await in an async void lambda, which nothing waits for"));
    }

    [Fact]
    public async Task Async_void_local_function_that_cycles_the_key_after_an_await_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class AccountEndpoints
            {
                public static void MapAccountEndpoints(this WebApplication app)
                {
                    app.MapPost("/account/elevate", (HttpContext context) =>
                    {
                        Elevate();
                        return Results.Ok();

                        async void Elevate()
                        {
                            var session = await context.GetSessionAsync();
                            await {|#0:session.CycleKeyAsync()|};
                        }
                    });
                }
            }
            """,
            Verifier.Diagnostic("TS0102").WithLocation(0).WithArguments("after an await in async void 'Elevate', which nothing waits for"));
    }

    [Fact]
    public async Task Async_void_that_changes_before_its_first_await_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CartController : ControllerBase
            {
                [HttpPost("/cart/{sku}")]
                public IActionResult Add(string sku, Cart cart)
                {
                    Track(sku, cart);
                    return Ok();
                }

                private async void Track(string sku, Cart cart)
                {
                    cart.Lines.Add(sku);
                    cart.Count++;
                    await Task.Delay(10);
                    Console.WriteLine(cart.Count);
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Async_void_that_opens_and_saves_its_own_session_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Reminder(ISessionManager sessions)
            {
                public async void OnTimer(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    var cart = session.GetState<Cart>();
                    cart.CheckedOut = null;
                    await session.SaveAsync();
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Async_Task_methods_and_lambdas_that_are_awaited_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class CartController : ControllerBase
            {
                [HttpPost("/cart/{sku}")]
                public async Task<IActionResult> Add(string sku, Cart cart)
                {
                    await RefreshAsync(cart);
                    Func<Task> later = async () =>
                    {
                        await Task.Yield();
                        cart.Count++;
                    };
                    await later();
                    return Ok();
                }

                private static async Task RefreshAsync(Cart cart)
                {
                    await Task.Yield();
                    cart.Count = cart.Lines.Count;
                }
            }
            """ + Cart);
    }

    [Fact]
    public async Task Async_void_event_handler_that_changes_no_session_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public sealed class Ticker
            {
                private readonly List<string> _log = [];

                public event EventHandler? Ticked;

                public Ticker() => Ticked += OnTicked;

                private async void OnTicked(object? sender, EventArgs e)
                {
                    await Task.Delay(1);
                    _log.Add("tick");
                    _log.Clear();
                }
            }
            """);
    }
}
