using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.NotPartialAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>TS0001: the [SessionState] class, or a type it is nested in, is not partial.</summary>
public sealed class NotPartialAnalyzerTests
{
    [Fact]
    public async Task Class_without_partial_is_reported_on_its_name()
    {
        // The generator implements the partial property in a part of its own, so the compiler names the declaration
        // that lacks 'partial' (CS0260) instead of reporting the property as unimplemented (CS9248).
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public sealed class {|#0:{|CS0260:Cart|}|}
            {
                public partial int Count { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0001").WithLocation(0).WithArguments("Cart", "it"));
    }

    [Fact]
    public async Task Class_without_modifiers_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            class {|TS0001:Cart|}
            {
                public int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Record_without_partial_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            [SessionState]
            public record {|TS0001:Cart|}
            {
                public int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Partial_class_in_a_non_partial_type_names_the_containing_type()
    {
        // The generator's part repeats the containing type, so the compiler names it (CS0260), not the property (CS9248).
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            public static class {|CS0260:Shop|}
            {
                [SessionState]
                public partial class {|#0:Cart|}
                {
                    public partial int Count { get; set; }
                }
            }
            """,
            Verifier.Diagnostic("TS0001").WithLocation(0).WithArguments("Shop.Cart", "its containing type 'Shop'"));
    }

    [Fact]
    public async Task Class_and_containing_types_without_partial_are_named_outermost_first()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            public class Outer
            {
                public partial class Middle
                {
                    internal class Inner
                    {
                        [SessionState]
                        public class {|#0:Cart|}
                        {
                            public int Count { get; set; }
                        }
                    }
                }
            }
            """,
            Verifier.Diagnostic("TS0001").WithLocation(0).WithArguments("Outer.Middle.Inner.Cart", "it and its containing types 'Outer' and 'Inner'"));
    }

    [Fact]
    public async Task Three_containing_types_are_listed_with_commas()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            public class {|CS0260:A|}
            {
                public struct {|CS0260:B|}
                {
                    public record {|CS0260:C|}
                    {
                        [SessionState]
                        public partial class {|#0:Cart|}
                        {
                            public partial int Count { get; set; }
                        }
                    }
                }
            }
            """,
            Verifier.Diagnostic("TS0001").WithLocation(0).WithArguments("A.B.C.Cart", "its containing types 'A', 'B' and 'C'"));
    }

    [Fact]
    public async Task Partial_class_with_a_computed_property_is_not_reported()
    {
        // The sample's cart: a session value, a computed property and methods.
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

                public void Add(int productId) => Lines.Add(new CartLine { ProductId = productId, Quantity = 1 });
            }
            """);
    }

    [Fact]
    public async Task Partial_class_in_partial_containing_types_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using TypedSessions;

            public static partial class Shop
            {
                public partial record struct Area
                {
                    [SessionState]
                    public partial class Cart
                    {
                        public partial int Count { get; set; }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Class_split_across_files_is_not_reported()
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
                        public bool IsEmpty => Count == 0;
                    }
                    """,
                },
            },
        };

        await test.RunAsync();
    }

    [Fact]
    public async Task Non_partial_classes_without_the_attribute_are_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;

            public sealed class CartLine
            {
                public int ProductId { get; set; }
            }

            [Serializable]
            public class Order
            {
                public int Total { get; set; }
            }
            """);
    }

    [Fact]
    public async Task An_unrelated_attribute_named_SessionState_is_not_reported()
    {
        await Verifier.VerifyAnalyzerAsync("""
            using System;

            namespace Legacy
            {
                [AttributeUsage(AttributeTargets.Class)]
                public sealed class SessionStateAttribute : Attribute
                {
                }

                [SessionState]
                public class Cart
                {
                    public int Count { get; set; }
                }
            }
            """);
    }

    [Fact]
    public async Task Nothing_is_reported_without_the_TypedSessions_runtime()
    {
        var test = new Verifier.Test
        {
            TestCode = """
                public class Cart
                {
                    public int Count { get; set; }
                }
                """,
        };
        test.TestState.AdditionalReferences.Clear();
        test.TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);

        await test.RunAsync();
    }
}
