using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.SessionPropertyShapeAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0002: a property meant as a session value is not a partial instance property with get and set accessors and
/// no body. Non-partial auto-properties with a setter count; computed and code properties do not.
/// </summary>
public sealed class SessionPropertyShapeAnalyzerTests
{
    [Fact]
    public async Task Non_partial_auto_property_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public int {|#0:Count|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0002").WithLocation(0).WithArguments(
                "Cart.Count",
                "it is not partial, so nothing stores it and its value is lost after every request; declare it 'partial'"));
    }

    [Fact]
    public async Task Non_partial_auto_properties_with_init_private_set_or_an_initializer_are_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using TypedSessions;

            [SessionState]
            public partial class Checkout
            {
                public string? {|TS0002:Coupon|} { get; init; }
                public decimal {|TS0002:Total|} { get; private set; }
                internal List<int> {|TS0002:Steps|} { get; set; } = new();
                int {|TS0002:Attempts|} { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Static_partial_property_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public static partial int {|#0:Created|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0002").WithLocation(0).WithArguments(
                "Cart.Created",
                "a static property is shared by every session; session values are instance properties"));
    }

    [Fact]
    public async Task Partial_property_with_init_or_a_missing_accessor_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial string? {|#0:Currency|} { get; init; }
                public partial int {|#1:Count|} { get; }
                public partial int {|#2:Limit|} { set; }
            }
            """,
            Verifier.Diagnostic("TS0002").WithLocation(0).WithArguments("Cart.Currency", "a session value needs a 'set' accessor, not 'init'"),
            Verifier.Diagnostic("TS0002").WithLocation(1).WithArguments("Cart.Count", "a session value needs both a 'get' and a 'set' accessor"),
            Verifier.Diagnostic("TS0002").WithLocation(2).WithArguments("Cart.Limit", "a session value needs both a 'get' and a 'set' accessor"));
    }

    [Fact]
    public async Task Partial_indexer_and_by_ref_property_are_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int {|#0:this|}[int index] { get; set; }
                public partial ref int {|#1:Count|} { get; }
            }
            """,
            Verifier.Diagnostic("TS0002").WithLocation(0).WithArguments("Cart.this[]", "indexers cannot be session values"),
            Verifier.Diagnostic("TS0002").WithLocation(1).WithArguments("Cart.Count", "a property that returns by reference cannot be a session value"));
    }

    [Fact]
    public async Task Partial_property_the_user_implemented_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                private int _count;

                public partial int Count { get; set; }

                public partial int {|#0:Count|} { get => _count; set => _count = value; }
            }
            """,
            Verifier.Diagnostic("TS0002").WithLocation(0).WithArguments(
                "Cart.Count",
                "it has a body, so it is not stored in the session; remove the implementing declaration and let the generator write it"));
    }

    [Fact]
    public async Task Session_values_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
                public partial string? UserName { get; private set; }
                internal partial List<Guid> Seen { get; set; }
                [SessionKey("cur")] public partial string? Currency { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Computed_property_and_methods_of_the_sample_cart_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Linq;
            using TypedSessions;

            namespace Shop;

            public sealed class CartLine
            {
                public int ProductId { get; set; }
                public int Quantity { get; set; }
            }

            [SessionState]
            public sealed partial class Cart
            {
                public partial List<CartLine> Lines { get; set; }

                public int ItemCount => Lines.Sum(line => line.Quantity);

                public bool IsEmpty
                {
                    get { return Lines.Count == 0; }
                }

                public void Add(int productId) => Lines.Add(new CartLine { ProductId = productId, Quantity = 1 });
            }
            """);
    }

    [Fact]
    public async Task Properties_with_bodies_get_only_and_static_auto_properties_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using TypedSessions;

            [SessionState]
            public partial class Wizard
            {
                private int _step;

                public partial int Step { get; set; }

                public int Clamped
                {
                    get => _step;
                    set => _step = Math.Max(0, value);
                }

                public int Doubled { get => field; set => field = value * 2; }

                public Guid RequestId { get; } = Guid.NewGuid();

                public static int Instances { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Explicit_interface_implementation_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            public interface IHasTitle
            {
                string Title { get; set; }
            }

            [SessionState]
            public partial class Page : IHasTitle
            {
                string IHasTitle.Title { get; set; } = "";

                public partial int Visits { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Auto_properties_of_classes_without_the_attribute_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            public sealed class CartLine
            {
                public int ProductId { get; set; }
                public int Quantity { get; init; }
            }

            public partial class Notes
            {
                public partial string Text { get; set; }
                public partial string Text { get => ""; set { } }
            }
            """);
    }

    [Fact]
    public async Task Properties_of_types_nested_in_a_session_state_class_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using TypedSessions;

            [SessionState]
            public sealed partial class Cart
            {
                public partial List<Line> Lines { get; set; }

                public sealed class Line
                {
                    public int ProductId { get; set; }
                    public int Quantity { get; init; }
                }

                public sealed record Summary(int Count, decimal Total)
                {
                    public string? Note { get; set; }
                }
            }
            """);
    }
}
