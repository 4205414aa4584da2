using Verifier = TypedSessions.Generators.Tests.Infrastructure.CodeFixVerifier<
    TypedSessions.Generators.Diagnostics.Analyzers.HiddenFromRequestDelegateGeneratorAnalyzer,
    TypedSessions.CodeFixes.DeclareSessionStateInterfaceCodeFixer>;

namespace TypedSessions.Generators.Tests.CodeFixes;

/// <summary>The TS0106 fix: the class's own declaration names ISessionState&lt;T&gt;, in the file that declares it.</summary>
public sealed class DeclareSessionStateInterfaceCodeFixerTests
{
    private const string Endpoints = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        namespace Shop;

        public static class Endpoints
        {
            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapGet("/cart", (Cart {|TS0106:cart|}) => cart.Count);
                app.MapPost("/cart", (Cart {|TS0106:cart|}) => ++cart.Count);
            }
        }
        """;

    private const string FixedEndpoints = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        namespace Shop;

        public static class Endpoints
        {
            public static void Map(IEndpointRouteBuilder app)
            {
                app.MapGet("/cart", (Cart cart) => cart.Count);
                app.MapPost("/cart", (Cart cart) => ++cart.Count);
            }
        }
        """;

    [Fact]
    public async Task Adds_the_interface_to_the_class_in_its_own_file()
    {
        var test = new Verifier.Test { RequestDelegateGenerator = true };
        test.TestState.Sources.Add(("Endpoints.cs", Endpoints));
        test.TestState.Sources.Add(("Cart.cs", """
            using TypedSessions;

            namespace Shop;

            /// <summary>The visitor's cart.</summary>
            [SessionState]
            public sealed partial class Cart
            {
                public partial int Count { get; set; }
            }
            """));
        test.FixedState.Sources.Add(("Endpoints.cs", FixedEndpoints));
        test.FixedState.Sources.Add(("Cart.cs", """
            using TypedSessions;

            namespace Shop;

            /// <summary>The visitor's cart.</summary>
            [SessionState]
            public sealed partial class Cart : ISessionState<Cart>
            {
                public partial int Count { get; set; }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Appends_to_an_existing_base_list_and_qualifies_the_interface_without_a_using()
    {
        var test = new Verifier.Test { RequestDelegateGenerator = true };
        test.TestState.Sources.Add(("Endpoints.cs", Endpoints));
        test.TestState.Sources.Add(("Cart.cs", """
            namespace Shop;

            public class Basket
            {
            }

            [TypedSessions.SessionState]
            public partial class Cart : Basket
            {
                public partial int Count { get; set; }
            }
            """));
        test.FixedState.Sources.Add(("Endpoints.cs", FixedEndpoints));
        test.FixedState.Sources.Add(("Cart.cs", """
            namespace Shop;

            public class Basket
            {
            }

            [TypedSessions.SessionState]
            public partial class Cart : Basket, TypedSessions.ISessionState<Cart>
            {
                public partial int Count { get; set; }
            }
            """));
        await test.RunAsync();
    }
}
