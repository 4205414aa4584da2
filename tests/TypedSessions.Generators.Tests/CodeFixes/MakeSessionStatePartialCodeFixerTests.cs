using Verifier = TypedSessions.Generators.Tests.Infrastructure.CodeFixVerifier<
    TypedSessions.Generators.Diagnostics.Analyzers.NotPartialAnalyzer,
    TypedSessions.CodeFixes.MakeSessionStatePartialCodeFixer>;

namespace TypedSessions.Generators.Tests.CodeFixes;

/// <summary>The TS0001 fix: 'partial' on the class and on every containing type that lacks it, modifiers kept in order.</summary>
public sealed class MakeSessionStatePartialCodeFixerTests
{
    [Fact]
    public async Task Adds_partial_after_the_existing_modifiers()
    {
        await Verifier.VerifyCodeFixAsync("""
            using TypedSessions;

            [SessionState]
            public sealed class {|TS0001:{|CS0260:Cart|}|}
            {
                public partial int Count { get; set; }
            }
            """, """
            using TypedSessions;

            [SessionState]
            public sealed partial class Cart
            {
                public partial int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Adds_partial_where_there_is_no_modifier_keeping_attribute_and_comment()
    {
        await Verifier.VerifyCodeFixAsync("""
            using TypedSessions;

            namespace Shop
            {
                [SessionState]
                /* the visitor's cart */ class {|TS0001:{|CS0260:Cart|}|}
                {
                    public partial int Count { get; set; }
                }
            }
            """, """
            using TypedSessions;

            namespace Shop
            {
                [SessionState]
                /* the visitor's cart */ partial class Cart
                {
                    public partial int Count { get; set; }
                }
            }
            """);
    }

    [Fact]
    public async Task Keeps_an_unusual_modifier_order_and_fixes_records()
    {
        await Verifier.VerifyCodeFixAsync("""
            using TypedSessions;

            [SessionState]
            sealed public record {|TS0001:{|CS0260:Preferences|}|}
            {
                public partial string? Theme { get; set; }
            }
            """, """
            using TypedSessions;

            [SessionState]
            sealed public partial record Preferences
            {
                public partial string? Theme { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Makes_every_containing_type_partial_in_one_fix()
    {
        await Verifier.VerifyCodeFixAsync("""
            using TypedSessions;

            public static class {|CS0260:Shop|}
            {
                internal partial class Area
                {
                    public struct {|CS0260:Section|}
                    {
                        [SessionState]
                        public class {|TS0001:{|CS0260:Cart|}|}
                        {
                            public partial int Count { get; set; }
                        }
                    }
                }
            }
            """, """
            using TypedSessions;

            public static partial class Shop
            {
                internal partial class Area
                {
                    public partial struct Section
                    {
                        [SessionState]
                        public partial class Cart
                        {
                            public partial int Count { get; set; }
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task Fix_all_makes_every_class_and_shared_containing_type_partial_once()
    {
        await Verifier.VerifyCodeFixAsync("""
            using TypedSessions;

            public class {|CS0260:Shop|}
            {
                [SessionState]
                public class {|TS0001:{|CS0260:Cart|}|}
                {
                    public partial int Count { get; set; }
                }

                [SessionState]
                public partial class {|TS0001:Wishlist|}
                {
                    public partial int Count { get; set; }
                }
            }

            [SessionState("account")]
            public sealed class {|TS0001:{|CS0260:Account|}|}
            {
                public partial string? UserName { get; set; }
            }
            """, """
            using TypedSessions;

            public partial class Shop
            {
                [SessionState]
                public partial class Cart
                {
                    public partial int Count { get; set; }
                }

                [SessionState]
                public partial class Wishlist
                {
                    public partial int Count { get; set; }
                }
            }

            [SessionState("account")]
            public sealed partial class Account
            {
                public partial string? UserName { get; set; }
            }
            """);
    }
}
