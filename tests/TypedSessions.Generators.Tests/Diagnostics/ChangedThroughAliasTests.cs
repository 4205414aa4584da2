using ManagerVerifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedButNotSavedAnalyzer>;
using RequestVerifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedWhereNeverSavedAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// A change through a local that holds a value read from a typed view (<c>var lines = cart.Lines; lines.Add(x)</c>) or
/// through a <c>foreach</c> variable over one (<c>line.Price = …</c>) is a change of the session, for TS0101 and TS0102.
/// A local that was reassigned, a struct copy, and a new collection built from the session's are not.
/// </summary>
public sealed class ChangedThroughAliasTests
{
    private const string Cart = """

        public sealed class CartLine
        {
            public string Sku { get; set; } = "";

            public decimal Price { get; set; }

            public int Quantity { get; set; }
        }

        public struct Totals
        {
            public decimal Net { get; set; }
        }

        [SessionState]
        public partial class Cart
        {
            public partial List<CartLine> Lines { get; set; }

            public partial Dictionary<string, int> Stock { get; set; }

            public partial Totals Totals { get; set; }

            public partial Dictionary<string, CartLine> LinesBySku { get; set; }
        }
        """;

    private static string RepricingJob(string body) => $$"""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using TypedSessions;

        public sealed class RepricingJob(ISessionManager sessions)
        {
            public async Task RunAsync(string key, IReadOnlyDictionary<string, decimal> prices, bool preview)
            {
                var session = await sessions.OpenAsync(key);
                var cart = session.GetState<Cart>();
        {{body}}
                if (preview)
                {
                    return;
                }

                await session.SaveAsync();
            }
        }
        """ + Cart;

    private static string ExportEndpoint(string body) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using TypedSessions;

        public static class CartEndpoints
        {
            public static void MapCartEndpoints(this WebApplication app)
            {
                var group = app.MapGroup("/cart");
                group.MapGet("/export", async (HttpContext context, Cart cart) =>
                {
                    await context.Response.WriteAsync(string.Join(",", cart.Lines.Select(line => line.Sku)));
        {{body}}
                });
            }
        }
        """ + Cart;

    public static TheoryData<string> ChangesThroughAnAlias() =>
    [
        """
                var lines = cart.Lines;
                {|#0:lines.Add(new CartLine { Sku = "gift" })|};
        """,
        """
                var lines = cart.Lines;
                {|#0:lines.RemoveAll(line => line.Quantity == 0)|};
        """,
        """
                List<CartLine> lines;
                lines = cart.Lines;
                {|#0:lines[0] = new CartLine()|};
        """,
        """
                var first = cart.Lines[0];
                {|#0:first.Quantity++|};
        """,
        """
                var stock = cart.Stock;
                {|#0:stock["tea"] = 3|};
        """,
        """
                foreach (var line in cart.Lines)
                {
                    {|#0:line.Price = prices[line.Sku]|};
                }
        """,
        """
                foreach (var line in cart.Lines.Where(line => line.Quantity > 1))
                {
                    {|#0:line.Quantity--|};
                }
        """,
        """
                var lines = cart.Lines;
                var again = lines;
                {|#0:again.Clear()|};
        """,
        """
                foreach (var pair in cart.LinesBySku)
                {
                    {|#0:pair.Value.Quantity = 0|};
                }
        """,
    ];

    public static TheoryData<string> NotChangesOfTheSession() =>
    [
        """
                var lines = cart.Lines.ToList();
                lines.Add(new CartLine());
        """,
        """
                var lines = cart.Lines;
                lines = new List<CartLine>();
                lines.Add(new CartLine());
        """,
        """
                var totals = cart.Totals;
                totals.Net = 10;
        """,
        """
                var copy = new List<CartLine>(cart.Lines);
                foreach (var line in copy.ToArray())
                {
                    copy.Remove(line);
                }
        """,
        """
                var count = cart.Lines.Count;
                count++;
        """,
        """
                foreach (var line in cart.Lines)
                {
                    var price = line.Price;
                    price *= 2;
                }
        """,
        """
                var lines = cart.Lines;
                (lines, var count) = (new List<CartLine>(), 0);
                lines.Add(new CartLine());
        """,
        """
                var skus = new List<string>();
                foreach (var line in cart.Lines)
                {
                    skus.Add(line.Sku);
                }
        """,
    ];

    [Theory]
    [MemberData(nameof(ChangesThroughAnAlias))]
    public async Task A_job_s_change_through_an_alias_left_unsaved_is_TS0101(string change)
    {
        await ManagerVerifier.VerifyAnalyzerAsync(
            RepricingJob(change),
            ManagerVerifier.Diagnostic("TS0101").WithLocation(0).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("session", "await session.SaveAsync()"));
    }

    [Theory]
    [MemberData(nameof(ChangesThroughAnAlias))]
    public async Task A_job_s_change_through_an_alias_then_saved_is_not_reported(string change)
    {
        await ManagerVerifier.VerifyAnalyzerAsync(RepricingJob(Unmarked(change) + "\n        await session.SaveAsync();"));
    }

    [Theory]
    [MemberData(nameof(NotChangesOfTheSession))]
    public async Task A_job_s_change_of_a_copy_is_not_reported(string code)
    {
        await ManagerVerifier.VerifyAnalyzerAsync(RepricingJob(code));
    }

    [Theory]
    [MemberData(nameof(ChangesThroughAnAlias))]
    public async Task An_endpoint_s_change_through_an_alias_after_the_response_started_is_TS0102(string change)
    {
        await RequestVerifier.VerifyAnalyzerAsync(
            ExportEndpoint(change.Replace("prices[line.Sku]", "1m", StringComparison.Ordinal)),
            RequestVerifier.Diagnostic("TS0102").WithLocation(0).WithArguments("after the response has started ('Response.WriteAsync')"));
    }

    [Theory]
    [MemberData(nameof(NotChangesOfTheSession))]
    public async Task An_endpoint_s_change_of_a_copy_after_the_response_started_is_not_reported(string code)
    {
        await RequestVerifier.VerifyAnalyzerAsync(ExportEndpoint(code));
    }

    [Fact]
    public async Task A_change_through_an_alias_in_an_OnCompleted_callback_is_TS0102()
    {
        await RequestVerifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using TypedSessions;

            public sealed class CheckoutController : ControllerBase
            {
                [HttpPost("/checkout")]
                public IActionResult Checkout(Cart cart)
                {
                    var lines = cart.Lines;
                    Response.OnCompleted(() =>
                    {
                        {|#0:lines.Clear()|};
                        foreach (var line in cart.Lines)
                        {
                            {|#1:line.Quantity = 0|};
                        }

                        return Task.CompletedTask;
                    });
                    return Ok();
                }
            }
            """ + Cart,
            RequestVerifier.Diagnostic("TS0102").WithLocation(0).WithArguments("inside a Response.OnCompleted callback, after the response was sent"),
            RequestVerifier.Diagnostic("TS0102").WithLocation(1).WithArguments("inside a Response.OnCompleted callback, after the response was sent"));
    }

    [Fact]
    public async Task A_copy_changed_in_an_OnCompleted_callback_is_not_reported()
    {
        await RequestVerifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;
            using TypedSessions;

            public sealed class CheckoutController : ControllerBase
            {
                [HttpPost("/checkout")]
                public IActionResult Checkout(Cart cart, List<CartLine> audit)
                {
                    var snapshot = cart.Lines.ToList();
                    Response.OnCompleted(() =>
                    {
                        snapshot.Clear();
                        foreach (var line in audit)
                        {
                            line.Quantity = 0;
                        }

                        return Task.CompletedTask;
                    });
                    return Ok();
                }
            }
            """ + Cart);
    }

    private static string Unmarked(string code) => code.Replace("{|#0:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal);
}
