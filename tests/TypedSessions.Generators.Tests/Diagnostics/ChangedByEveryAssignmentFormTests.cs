using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedButNotSavedAnalyzer>;
using RequestVerifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.ChangedWhereNeverSavedAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// Every form of assignment is a change, including those the compiler lowers in a control flow graph (<c>??=</c>
/// captures its target): compound assignments, increments and decrements, on typed properties and through indexers.
/// TS0101 in a background job's session; TS0102 after a response write and in an <c>OnCompleted</c> callback.
/// </summary>
public sealed class ChangedByEveryAssignmentFormTests
{
    private const string Cart = """

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }

            public partial string? Coupon { get; set; }

            public partial List<string> Lines { get; set; }

            public partial int[] Quantities { get; set; }

            public partial Dictionary<string, int> Stock { get; set; }
        }
        """;

    private static string Job(string body) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using TypedSessions;

        public sealed class CartJob(ISessionManager sessions)
        {
            public async Task RunAsync(string key, string? coupon, bool dryRun)
            {
                var session = await sessions.OpenAsync(key);
                var cart = session.GetState<Cart>();
        {{body}}
                if (dryRun)
                {
                    return;
                }

                await session.SaveAsync();
            }
        }
        """ + Cart;

    public static TheoryData<string> Changes() =>
    [
        "cart.Coupon ??= coupon",
        "cart.Count += 2",
        "cart.Count -= 1",
        "cart.Count *= 3",
        "cart.Count |= 4",
        "cart.Count++",
        "--cart.Count",
        "cart.Lines[0] += \"!\"",
        "cart.Lines[0] ??= \"first\"",
        "cart.Quantities[1]++",
        "cart.Quantities[1] += 5",
        "cart.Stock[\"tea\"] -= 1",
        "cart.Stock[\"tea\"]++",
        "session.GetState<Cart>().Coupon ??= coupon",
        "session.GetState<Cart>().Count++",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_left_unsaved_on_the_dry_run_path_is_reported(string change)
    {
        await Verifier.VerifyAnalyzerAsync(Job($"        {{|TS0101:{change}|}};"));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_saved_on_every_path_is_not_reported(string change)
    {
        await Verifier.VerifyAnalyzerAsync(Job($"        {change};\n        await session.SaveAsync();"));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_inside_a_condition_with_a_save_in_the_branch_is_not_reported(string change)
    {
        await Verifier.VerifyAnalyzerAsync(Job($$"""
                    if (coupon is not null)
                    {
                        {{change}};
                        await session.SaveAsync();
                    }
            """));
    }

    [Theory]
    [InlineData("var total = cart.Count + 1")]
    [InlineData("var current = cart.Coupon ?? coupon")]
    [InlineData("var first = cart.Lines[0] ?? \"none\"")]
    [InlineData("var local = cart.Count; local++; local += 2")]
    [InlineData("var copy = cart.Quantities[1]; copy *= 2")]
    public async Task Reads_and_local_arithmetic_are_not_changes(string read)
    {
        await Verifier.VerifyAnalyzerAsync(Job($"        {read};"));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_after_the_response_started_is_reported(string change)
    {
        await RequestVerifier.VerifyAnalyzerAsync(Endpoint($$"""
                    await context.Response.WriteAsync("ok");
                    {|TS0102:{{RequestForm(change)}}|};
            """));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_before_the_response_started_is_not_reported(string change)
    {
        await RequestVerifier.VerifyAnalyzerAsync(Endpoint($$"""
                    {{RequestForm(change)}};
                    await context.Response.WriteAsync("ok");
            """));
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_in_an_OnCompleted_callback_is_reported(string change)
    {
        await RequestVerifier.VerifyAnalyzerAsync(Endpoint($$"""
                    context.Response.OnCompleted(() =>
                    {
                        {|TS0102:{{RequestForm(change)}}|};
                        return Task.CompletedTask;
                    });
            """));
    }

    // The request's session has no local named session: the endpoint reads it from the context.
    private static string RequestForm(string change) => change.Replace("session.", "context.Features.Get<Session>()!.", StringComparison.Ordinal);

    private static string Endpoint(string body) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using TypedSessions;

        public static class CartEndpoints
        {
            public static void MapCartEndpoints(this WebApplication app, string? coupon)
            {
                app.MapGroup("/cart").MapPost("/apply", async (HttpContext context, Cart cart) =>
                {
        {{body}}
                });
            }
        }
        """ + Cart;
}
