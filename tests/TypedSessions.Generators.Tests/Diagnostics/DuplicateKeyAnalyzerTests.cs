using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.DuplicateKeyAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0004: two session values share a stored key. Keys follow the generator: <c>{Class}.{Property}</c> by default,
/// the attribute's prefix, a bare name for an empty prefix, or <c>[SessionKey]</c> exactly; compared ordinally.
/// </summary>
public sealed class DuplicateKeyAnalyzerTests
{
    [Fact]
    public async Task Same_key_twice_in_one_class_is_reported_on_the_second()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                [SessionKey("total")] public partial decimal Total { get; set; }
                [SessionKey("total")] public partial decimal {|#0:GrandTotal|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0004").WithLocation(0).WithArguments("Cart.GrandTotal", "Cart.Total", "total"));
    }

    [Fact]
    public async Task A_former_key_that_another_property_stores_is_reported_on_the_property_that_would_move_it()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int Items { get; set; }

                [FormerSessionKey("Cart.Items")]
                public partial int {|#0:Lines|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0004").WithLocation(0).WithArguments("Cart.Lines (former key)", "Cart.Items", "Cart.Items"));
    }

    [Fact]
    public async Task Two_properties_that_read_one_former_key_are_reported_and_a_former_key_no_one_stores_is_not()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                [FormerSessionKey("Cart.Old")]
                public partial int Count { get; set; }

                [FormerSessionKey("Cart.Old")]
                [FormerSessionKey("Cart.Older")]
                public partial int {|#0:Total|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0004").WithLocation(0).WithArguments("Cart.Total (former key)", "Cart.Count (former key)", "Cart.Old"));
    }

    [Fact]
    public async Task Bare_names_of_two_classes_with_an_empty_prefix_collide()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState("")]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }

            [SessionState("")]
            public partial class Wishlist
            {
                public partial int {|#0:Count|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0004").WithLocation(0).WithArguments("Wishlist.Count", "Cart.Count", "Count"));
    }

    [Fact]
    public async Task A_prefix_equal_to_another_class_name_collides_with_its_default_keys()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }

            [SessionState("Cart")]
            public partial class Basket
            {
                public partial int {|#0:Count|} { get; set; }
                public partial int Limit { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0004").WithLocation(0).WithArguments("Basket.Count", "Cart.Count", "Cart.Count"));
    }

    [Fact]
    public async Task Session_key_attribute_colliding_with_a_default_key_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }

            [SessionState]
            public partial class Order
            {
                [SessionKey("Cart.Count")] public partial int {|#0:Items|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0004").WithLocation(0).WithArguments("Order.Items", "Cart.Count", "Cart.Count"));
    }

    [Fact]
    public async Task Nested_class_default_prefix_collides_with_an_explicit_one()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            public static partial class Checkout
            {
                [SessionState]
                public partial class Step
                {
                    public partial int Number { get; set; }
                }
            }

            [SessionState("Checkout.Step")]
            public partial class LegacyStep
            {
                public partial int {|#0:Number|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0004").WithLocation(0).WithArguments("LegacyStep.Number", "Checkout.Step.Number", "Checkout.Step.Number"));
    }

    [Fact]
    public async Task Every_later_duplicate_names_the_first()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Preferences
            {
                [SessionKey("theme")] public partial string? Theme { get; set; }
                [SessionKey("theme")] public partial string? {|#0:Colour|} { get; set; }
                [SessionKey("theme")] public partial string? {|#1:Skin|} { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0004").WithLocation(0).WithArguments("Preferences.Colour", "Preferences.Theme", "theme"),
            Verifier.Diagnostic("TS0004").WithLocation(1).WithArguments("Preferences.Skin", "Preferences.Theme", "theme"));
    }

    [Fact]
    public async Task Duplicates_across_files_are_ordered_by_file_path_then_position()
    {
        // Cart.cs comes first in the project, but Account.cs sorts first: the later declaration is Cart's.
        var test = new Verifier.Test
        {
            TestState =
            {
                Sources =
                {
                    ("Shop/Cart.cs", """
                    using TypedSessions;

                    [SessionState("")]
                    public partial class Cart
                    {
                        public partial string? {|#0:Currency|} { get; set; }
                    }
                    """),
                    ("Shop/Account.cs", """
                    using TypedSessions;

                    [SessionState("")]
                    public partial class Account
                    {
                        public partial string? Currency { get; set; }
                    }
                    """),
                },
                ExpectedDiagnostics =
                {
                    Verifier.Diagnostic("TS0004").WithLocation(0).WithArguments("Cart.Currency", "Account.Currency", "Currency"),
                },
            },
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task Same_property_names_under_default_prefixes_are_not_reported()
    {
        // The sample's two classes, plus a third with the same property names.
        await Verifier.VerifyAnalyzerAsync("""
            using System;
            using System.Collections.Generic;
            using TypedSessions;

            [SessionState]
            public sealed partial class Cart
            {
                public partial List<int> Lines { get; set; }
                public partial int Count { get; set; }
            }

            [SessionState("account")]
            public sealed partial class Account
            {
                public partial string? UserName { get; set; }
                public partial DateTimeOffset? SignedInAt { get; set; }
            }

            [SessionState]
            public sealed partial class Wishlist
            {
                public partial List<int> Lines { get; set; }
                public partial int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Keys_that_differ_only_in_case_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                [SessionKey("total")] public partial decimal Total { get; set; }
                [SessionKey("Total")] public partial decimal Legacy { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Properties_that_are_not_stored_are_not_reported()
    {
        // Static partial properties (TS0002), non-partial ones and classes without the attribute store nothing.
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState("")]
            public partial class Cart
            {
                public partial int Count { get; set; }
                public static partial int Created { get; set; }
            }

            [SessionState("")]
            public partial class Report
            {
                public int Count { get; set; }
                public static partial int Created { get; set; }
            }

            public partial class Plain
            {
                [SessionKey("Count")] public int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Same_property_in_a_class_split_across_files_is_one_key()
    {
        var test = new Verifier.Test
        {
            TestState =
            {
                Sources =
                {
                    """
                    using TypedSessions;

                    [SessionState]
                    public partial class Cart
                    {
                        public partial int Count { get; set; }
                    }
                    """,
                    """
                    public partial class Cart
                    {
                        public partial string? Currency { get; set; }
                    }
                    """,
                },
            },
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task Same_property_names_under_different_explicit_prefixes_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState("shop.cart")]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }

            [SessionState("shop.wishlist")]
            public partial class Wishlist
            {
                public partial int Count { get; set; }
            }

            [SessionState("")]
            public partial class Flags
            {
                public partial bool Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task A_key_equal_to_another_class_prefix_is_not_a_collision()
    {
        // "Cart" and "Cart.Count" are different keys: prefixes only compose names, they are not keys themselves.
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }

            [SessionState]
            public partial class Legacy
            {
                [SessionKey("Cart")] public partial string? OldCart { get; set; }
                [SessionKey("Cart.Count.Backup")] public partial int Backup { get; set; }
            }
            """);
    }

    [Fact]
    public async Task A_hand_implemented_partial_property_stores_nothing_and_does_not_collide()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState("")]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }

            [SessionState("")]
            public partial class Preview
            {
                private int _count;

                public partial int Count { get; set; }

                public partial int Count { get => _count; set => _count = value; }
            }
            """);
    }
}
