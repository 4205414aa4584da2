using Microsoft.CodeAnalysis;
using TypedSessions.Generators.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// A realistic small shop (minimal APIs with [SessionState] parameters, an MVC controller, a background service and an
/// admin service) with exactly one mistake per usage rule, marked by a <c>// TSxxxx</c> comment at the end of its line.
/// Every TypedSessions analyzer runs on it (found by reflection), and the diagnostics must be exactly the marked ones:
/// no false positive in the rest of the code, no rule that misses its mistake.
/// </summary>
public sealed class MiniApplicationTests(ITestOutputHelper output)
{
    private static readonly (string Path, string Source)[] Files =
    [
        ("GlobalUsings.cs", """
            global using System;
            global using System.Collections.Generic;
            global using System.Linq;
            global using System.Threading;
            global using System.Threading.Tasks;
            global using Microsoft.AspNetCore.Builder;
            global using Microsoft.AspNetCore.Http;
            global using Microsoft.Extensions.Configuration;
            global using Microsoft.Extensions.DependencyInjection;
            global using Microsoft.Extensions.Hosting;
            """),
        ("Program.cs", """
            using Shop;
            using TypedSessions;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddTypedSessions(options => options.Lifetime = TimeSpan.FromDays(14)).AddMemoryStore();
            builder.Services.AddControllers();
            builder.Services.AddSingleton(System.Threading.Channels.Channel.CreateUnbounded<string>());
            builder.Services.AddHostedService<CartReminder>();
            builder.Services.AddSingleton<SessionAdmin>();

            var app = builder.Build();
            app.UseStaticFiles();
            if (app.Configuration.GetValue<bool>("Maintenance"))
            {
                app.Run(async context => await context.Response.WriteAsync("Back soon"));
            }

            app.UseRouting();
            app.UseTypedSessions(); // TS0103

            var cart = app.MapGroup("/cart");
            cart.MapGet("/", (Cart cart) => cart.Lines);
            cart.MapPost("/{item}", (string item, Cart cart) =>
            {
                cart.Lines.Add(item);
                cart.Count++;
                return Results.Ok(cart.Count);
            });
            cart.MapPost("/empty", async (HttpContext context) =>
            {
                var session = await context.GetSessionAsync();
                session.Remove("Cart.Lines");
                session.Remove("Cart.Count");
                return Results.NoContent();
            });
            cart.MapGet("/export", async (HttpContext context, Cart cart) =>
            {
                await context.Response.WriteAsJsonAsync(cart.Lines);
                cart.LastExport = DateTimeOffset.UtcNow; // TS0102
            });

            app.MapGet("/recent", async (HttpContext context) =>
            {
                var session = await context.GetSessionAsync();
                var recent = session.Get<List<string>>("recent");
                recent?.Add(context.Request.Path); // TS0105
                return recent;
            });
            app.MapPost("/admin/extend/{key}", async (string key, SessionAdmin admin) =>
            {
                await admin.ExtendAsync(key);
                return Results.NoContent();
            });
            app.MapControllers();
            app.Run();
            """),
        ("State/Cart.cs", """
            using TypedSessions;

            namespace Shop;

            [SessionState]
            public sealed partial class Cart
            {
                public partial List<string> Lines { get; set; }

                public partial int Count { get; set; }

                public partial DateTimeOffset? LastExport { get; set; }

                public partial bool Reminded { get; set; }
            }
            """),
        ("State/Account.cs", """
            using TypedSessions;

            namespace Shop;

            [SessionState("account")]
            public sealed partial class Account
            {
                public partial string? UserName { get; set; }
            }
            """),
        ("Controllers/AccountController.cs", """
            using Microsoft.AspNetCore.Mvc;
            using TypedSessions;

            namespace Shop;

            [ApiController]
            [Route("account")]
            public sealed class AccountController : ControllerBase
            {
                [HttpPost("sign-in")]
                public async Task<IActionResult> SignIn([FromForm] string name)
                {
                    var session = await HttpContext.GetSessionAsync();
                    await session.CycleKeyAsync(HttpContext.RequestAborted);
                    session.GetState<Account>().UserName = name;
                    return Ok();
                }

                [HttpPost("sign-out")]
                public async Task<IActionResult> LogOut()
                {
                    var session = await HttpContext.GetSessionAsync();
                    await session.FlushAsync(HttpContext.RequestAborted);
                    return NoContent();
                }

                [HttpGet("name")]
                public string? Name() => HttpContext.GetSessionStateAsync<Account>().Result.UserName; // TS0104

                [HttpGet("cart")]
                public int CartCount(Cart cart) => cart.Count;
            }
            """),
        ("Services/CartReminder.cs", """
            using System.Threading.Channels;
            using TypedSessions;

            namespace Shop;

            /// <summary>Marks carts as reminded, outside any request: each session is opened, changed and saved.</summary>
            public sealed class CartReminder(ISessionManager sessions, Channel<string> queue) : BackgroundService
            {
                protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                {
                    await foreach (var key in queue.Reader.ReadAllAsync(stoppingToken))
                    {
                        var session = await sessions.OpenAsync(key, stoppingToken);
                        if (session.IsEmpty)
                        {
                            continue;
                        }

                        var cart = session.GetState<Cart>();
                        if (cart.Lines.Count > 0 && !cart.Reminded)
                        {
                            cart.Reminded = true;
                        }

                        await session.SaveAsync(stoppingToken);
                    }
                }
            }
            """),
        ("Services/SessionAdmin.cs", """
            using TypedSessions;

            namespace Shop;

            public sealed class SessionAdmin(ISessionManager sessions)
            {
                public async Task<IReadOnlyDictionary<string, System.Text.Json.JsonElement>?> DecodeAsync(string key)
                    => await sessions.DecodeAsync(key);

                public async Task ExtendAsync(string key)
                {
                    var session = await sessions.OpenAsync(key);
                    session.SetExpiry(TimeSpan.FromDays(30)); // TS0101
                }

                public async Task RenameAsync(string key, string name)
                {
                    var session = await sessions.OpenAsync(key);
                    try
                    {
                        session.GetState<Account>().UserName = name;
                    }
                    finally
                    {
                        await session.SaveAsync();
                    }
                }
            }
            """),
    ];

    [Fact]
    public async Task Every_rule_finds_exactly_its_mistake()
    {
        var (expected, _) = MarkedApplication.Markers(Files);
        Assert.Equal(["TS0101", "TS0102", "TS0103", "TS0104", "TS0105"], expected.Select(static e => e[..6]).Order(StringComparer.Ordinal));

        var (diagnostics, reported) = await MarkedApplication.AnalyzeAsync("Shop", Files);
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }

        Assert.DoesNotContain(diagnostics, static diagnostic => diagnostic.Severity == DiagnosticSeverity.Error);
        Assert.Equal(expected, reported);
    }
}
