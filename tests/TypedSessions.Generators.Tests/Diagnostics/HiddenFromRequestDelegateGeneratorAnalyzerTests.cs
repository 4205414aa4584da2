using Microsoft.CodeAnalysis.Testing;
using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.HiddenFromRequestDelegateGeneratorAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0106: with the Request Delegate Generator on, a minimal API parameter of a [SessionState] class must name
/// ISessionState&lt;T&gt; in the user's declaration, or that generator binds it from the request body.
/// </summary>
public sealed class HiddenFromRequestDelegateGeneratorAnalyzerTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;
        using TypedSessions;

        """;

    private const string Cart = """

        [SessionState]
        public partial class {|#9:Cart|}
        {
            public partial int Count { get; set; }
        }
        """;

    [Fact]
    public async Task Lambda_parameter_of_a_class_that_only_the_generated_part_makes_session_state_is_reported()
    {
        await VerifyAsync(Usings + """
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/cart", (Cart {|#0:cart|}) => cart.Count);
                }
            }
            """ + Cart,
            Verifier.Diagnostic("TS0106").WithLocation(0).WithLocation(9).WithArguments("cart", "Cart"));
    }

    [Fact]
    public async Task Method_group_handler_and_route_group_are_reported()
    {
        await VerifyAsync(Usings + """
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    var api = app.MapGroup("/api");
                    api.MapPost("/cart", Add);
                }

                private static int Add(int item, Cart {|#0:basket|}) => basket.Count += item;
            }
            """ + Cart,
            Verifier.Diagnostic("TS0106").WithLocation(0).WithLocation(9).WithArguments("basket", "Cart"));
    }

    [Fact]
    public async Task Class_that_names_the_interface_itself_is_not_reported_however_it_is_qualified()
    {
        await VerifyAsync(Usings + """
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/cart", (Cart cart) => cart.Count);
                    app.MapGet("/wishes", (Shop.Wishes wishes) => wishes.Count);
                }
            }

            [SessionState]
            public partial class Cart : ISessionState<Cart>
            {
                public partial int Count { get; set; }
            }

            namespace Shop
            {
                [SessionState]
                public partial class Wishes : global::TypedSessions.ISessionState<Shop.Wishes>
                {
                    public partial int Count { get; set; }
                }
            }
            """);
    }

    [Fact]
    public async Task Without_the_Request_Delegate_Generator_nothing_is_reported()
    {
        // The runtime's Request Delegate Factory finds the binding on the compiled class.
        await Verifier.VerifyAnalyzerAsync(Usings + """
            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/cart", (Cart cart) => cart.Count);
                }
            }
            """ + Cart.Replace("{|#9:Cart|}", "Cart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_state_used_outside_minimal_api_handlers_is_not_reported()
    {
        await VerifyAsync(Usings + """
            using Microsoft.AspNetCore.Http;

            public static class Endpoints
            {
                public static void Map(IEndpointRouteBuilder app)
                {
                    app.MapGet("/count", async (HttpContext context) => (await context.GetSessionStateAsync<Cart>()).Count);
                }

                public static int Count(Cart cart) => cart.Count;
            }
            """ + Cart.Replace("{|#9:Cart|}", "Cart", StringComparison.Ordinal));
    }

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verifier.Test { TestCode = source, RequestDelegateGenerator = true };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
