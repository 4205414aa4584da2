using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// A shop written the way teams write ASP.NET Core (route groups in a Map…Endpoints method, an endpoint filter, a
/// middleware class and app.Use, MVC controllers, a Razor page, a hosted service and job classes with helpers), full
/// of the patterns the usage rules must get right: every line that must be reported ends in <c>// TSxxxx</c>, and
/// every line written to look like a mistake but correct ends in <c>// fine</c>. Every analyzer runs on it, and the
/// diagnostics must be exactly the marked ones.
/// </summary>
public sealed class RealisticApplicationTests(ITestOutputHelper output)
{
    private static readonly (string Path, string Source)[] Files =
    [
        ("GlobalUsings.cs", """
            global using System;
            global using System.Collections.Generic;
            global using System.IO;
            global using System.Linq;
            global using System.Text.Json;
            global using System.Threading;
            global using System.Threading.Tasks;
            global using Microsoft.AspNetCore.Builder;
            global using Microsoft.AspNetCore.Http;
            global using Microsoft.Extensions.DependencyInjection;
            global using Microsoft.Extensions.Hosting;
            global using TypedSessions;
            """),
        ("Program.cs", """
            using Shop;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions().AddMemoryStore();
            builder.Services.AddControllers();
            builder.Services.AddRazorPages();
            builder.Services.AddHostedService<AbandonedCartJob>();
            builder.Services.AddSingleton<CartMaintenance>();
            builder.Services.AddSingleton<VisitCounterMiddleware>();

            var app = builder.Build();
            app.UseTypedSessions();
            app.UseMiddleware<VisitCounterMiddleware>();
            app.Use(async (context, next) =>
            {
                var visit = await context.GetSessionStateAsync<Visit>();
                visit.Count++; // fine
                await next(context);
                if (!context.Response.HasStarted)
                {
                    visit.LastStatus = context.Response.StatusCode; // fine
                }

                visit.LastPath = context.Request.Path; // TS0102
            });
            app.MapCartEndpoints();
            app.MapControllers();
            app.MapRazorPages();
            app.Run();
            """),
        ("State/Cart.cs", """
            namespace Shop;

            public sealed class CartLine
            {
                public string Sku { get; set; } = "";

                public decimal Price { get; set; }

                public int Quantity { get; set; }
            }

            [SessionState]
            public sealed partial class Cart
            {
                public partial List<CartLine> Lines { get; set; }

                public partial string? Coupon { get; set; }

                public partial int Revision { get; set; }

                public partial DateTimeOffset? Exported { get; set; }
            }

            [SessionState]
            public sealed partial class Visit
            {
                public partial int Count { get; set; }

                public partial string? LastPath { get; set; }

                public partial int LastStatus { get; set; }
            }
            """),
        ("Endpoints/CartEndpoints.cs", """
            namespace Shop;

            public static class CartEndpoints
            {
                public static void MapCartEndpoints(this WebApplication app)
                {
                    var cart = app.MapGroup("/cart");
                    cart.MapPost("/coupon/{code}", async (string code, HttpContext context, Cart cart) =>
                    {
                        await context.Response.WriteAsync("applied");
                        cart.Coupon ??= code; // TS0102
                    });
                    cart.MapPost("/reprice", async (HttpContext context, Cart cart) =>
                    {
                        foreach (var line in cart.Lines)
                        {
                            line.Price = Math.Round(line.Price, 2); // fine
                        }

                        await context.Response.WriteAsJsonAsync(cart.Lines);
                        foreach (var line in cart.Lines.Where(line => line.Quantity == 0))
                        {
                            line.Quantity = 1; // TS0102
                        }
                    });
                    cart.MapGet("/export.csv", async (HttpContext context, Cart cart) =>
                    {
                        var snapshot = cart.Lines.ToList();
                        await using var writer = new StreamWriter(context.Response.Body);
                        foreach (var line in snapshot)
                        {
                            await writer.WriteLineAsync($"{line.Sku},{line.Quantity}");
                        }

                        snapshot.Clear(); // fine
                        cart.Exported = DateTimeOffset.UtcNow; // TS0102
                    });
                    cart.MapGet("/export.json", async (HttpContext context, Cart cart) =>
                    {
                        cart.Exported = DateTimeOffset.UtcNow; // fine
                        await JsonSerializer.SerializeAsync(context.Response.Body, cart.Lines);
                        var lines = cart.Lines;
                        lines.RemoveAll(line => line.Quantity == 0); // TS0102
                    });
                    cart.MapGet("/export.bin", (Cart cart) =>
                    {
                        var lines = cart.Lines.Select(line => line.Sku).ToArray();
                        cart.Revision++; // fine
                        return Results.Stream(async stream =>
                        {
                            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)));
                            cart.Exported = DateTimeOffset.UtcNow; // TS0102
                        });
                    });
                    cart.MapPost("/bulk", (List<string> skus, Cart cart) =>
                    {
                        skus.ForEach(async sku =>
                        {
                            await Task.Yield();
                            cart.Lines.Add(new CartLine { Sku = sku }); // TS0102
                        });
                        return Results.Accepted();
                    });
                    cart.MapGet("/recent", async (HttpContext context) =>
                    {
                        var session = await context.GetSessionAsync();
                        var recent = session.Get<List<string>>("recent");
                        recent?.Add(context.Request.Path); // TS0105
                        return recent;
                    });
                    cart.MapPost("/recent/clear", async (HttpContext context) =>
                    {
                        var session = await context.GetSessionAsync();
                        var recent = session.Get<List<string>>("recent") ?? [];
                        recent.Clear(); // fine
                        session.Set("recent", recent);
                        return Results.NoContent();
                    });
                    cart.MapGet("/count", async (HttpContext context, Visit visit) =>
                        await context.Response.WriteAsync($"Visit {++visit.Count}")); // fine
                    cart.MapPost("/touch", (Cart cart) =>
                    {
                        cart.Revision += 1; // fine
                        return Results.Ok(cart.Revision);
                    })
                    .AddEndpointFilter(async (invocation, next) =>
                    {
                        var result = await next(invocation);
                        var visit = invocation.HttpContext.Features.Get<Session>()!.GetState<Visit>();
                        visit.LastPath = invocation.HttpContext.Request.Path; // fine
                        return result;
                    });
                }
            }
            """),
        ("Middleware/VisitCounterMiddleware.cs", """
            namespace Shop;

            public sealed class VisitCounterMiddleware : IMiddleware
            {
                public async Task InvokeAsync(HttpContext context, RequestDelegate next)
                {
                    var visit = await context.GetSessionStateAsync<Visit>();
                    visit.LastPath = context.Request.Path; // fine
                    await next(context);
                    if (context.Response.HasStarted)
                    {
                        return;
                    }

                    visit.LastStatus = context.Response.StatusCode; // fine
                }
            }
            """),
        ("Controllers/CheckoutController.cs", """
            using Microsoft.AspNetCore.Mvc;

            namespace Shop;

            [ApiController]
            [Route("checkout")]
            public sealed class CheckoutController : ControllerBase
            {
                [HttpPost]
                public IActionResult Checkout(Cart cart)
                {
                    var lines = cart.Lines;
                    Response.OnCompleted(() =>
                    {
                        Console.WriteLine(lines.Count);
                        EmptyCart(cart); // TS0102
                        lines.Clear(); // TS0102
                        return Task.CompletedTask;
                    });
                    Response.OnStarting(() =>
                    {
                        cart.Revision++; // fine
                        return Task.CompletedTask;
                    });
                    return Ok();
                }

                [HttpPost("quick")]
                public IActionResult Quick(Cart cart)
                {
                    EmptyCart(cart); // fine
                    Track(cart);
                    return Ok();
                }

                private static void EmptyCart(Cart cart) => cart.Lines.Clear();

                private async void Track(Cart cart)
                {
                    cart.Revision++; // fine
                    await Task.Delay(10);
                    cart.Exported = null; // TS0102
                }
            }
            """),
        ("Pages/Basket.cshtml.cs", """
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            namespace Shop;

            public sealed class BasketModel : PageModel
            {
                public async Task<IActionResult> OnPostRemoveAsync(string sku)
                {
                    var cart = await HttpContext.GetSessionStateAsync<Cart>();
                    cart.Lines.Find(line => line.Sku == sku)!.Quantity--; // fine
                    if (!Response.HasStarted)
                    {
                        cart.Revision++; // fine
                    }

                    return RedirectToPage();
                }
            }
            """),
        ("Jobs/AbandonedCartJob.cs", """
            namespace Shop;

            public sealed class AbandonedCartJob(ISessionManager sessions) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    foreach (var key in await PendingKeysAsync(stoppingToken))
                    {
                        var session = await sessions.OpenAsync(key, stoppingToken);
                        var cart = session.GetState<Cart>();
                        var changed = false;
                        foreach (var line in cart.Lines)
                        {
                            if (line.Quantity > 99)
                            {
                                line.Quantity = 99; // fine
                                changed = true;
                            }
                        }

                        if (changed)
                        {
                            await session.SaveAsync(stoppingToken);
                        }
                    }
                }

                private static Task<string[]> PendingKeysAsync(CancellationToken cancellationToken) => Task.FromResult(Array.Empty<string>());
            }
            """),
        ("Jobs/CartMaintenance.cs", """
            namespace Shop;

            public sealed class CartMaintenance(ISessionManager sessions)
            {
                public async Task ApplyCouponAsync(string key, string coupon, bool preview)
                {
                    var session = await sessions.OpenAsync(key);
                    var cart = session.GetState<Cart>();
                    cart.Coupon ??= coupon; // TS0101
                    if (preview)
                    {
                        return;
                    }

                    await session.SaveAsync();
                }

                public async Task RepriceAsync(string key, IReadOnlyDictionary<string, decimal> prices)
                {
                    var session = await sessions.OpenAsync(key);
                    var repriced = false;
                    foreach (var line in session.GetState<Cart>().Lines)
                    {
                        line.Price = prices[line.Sku]; // TS0101
                    }

                    if (repriced)
                    {
                        await session.SaveAsync();
                    }
                }

                public async Task PruneAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    var lines = session.GetState<Cart>().Lines;
                    lines.RemoveAll(line => line.Quantity == 0); // fine
                    session.GetState<Cart>().Revision++; // fine
                    await SaveAndLogAsync(session);
                }

                public async Task CopyAsync(string from, string to)
                {
                    var source = await sessions.OpenAsync(from);
                    var target = await sessions.OpenAsync(to);
                    var copy = source.GetState<Cart>().Lines.ToList();
                    copy.Add(new CartLine { Sku = "gift" }); // fine
                    target.GetState<Cart>().Lines = copy; // fine
                    await target.SaveAsync();
                }

                private static async Task SaveAndLogAsync(Session session)
                {
                    await session.SaveAsync();
                    Console.WriteLine(session.Key);
                }
            }
            """),
    ];

    [Fact]
    public async Task Every_marked_line_and_nothing_else_is_reported()
    {
        var (expected, fine) = MarkedApplication.Markers(Files);
        output.WriteLine($"{expected.Count} marked mistakes, {fine} lines marked fine");

        var (diagnostics, reported) = await MarkedApplication.AnalyzeAsync("Shop", Files);
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.DoesNotContain(diagnostics, static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        Assert.Equal(expected, reported);
    }
}
