using Microsoft.CodeAnalysis.Testing;
using Verifier = TypedSessions.Generators.Tests.Infrastructure.CodeFixVerifier<
    TypedSessions.Generators.Diagnostics.Analyzers.SessionPropertyShapeAnalyzer,
    TypedSessions.CodeFixes.MakeSessionPropertyPartialCodeFixer>;

namespace TypedSessions.Generators.Tests.CodeFixes;

/// <summary>
/// The TS0002 fix: an auto-property or a partial definition becomes <c>partial T Name { get; set; }</c>; what cannot
/// be rewritten without changing its meaning (an initializer, a static or by-ref property, a body) gets no fix.
/// </summary>
public sealed class MakeSessionPropertyPartialCodeFixerTests
{
    [Fact]
    public async Task Auto_property_becomes_partial()
    {
        await Verifier.VerifyCodeFixAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public int {|TS0002:Count|} { get; set; }
            }
            """, """
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Init_becomes_set_and_accessor_modifiers_and_attributes_stay()
    {
        await Verifier.VerifyCodeFixAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Checkout
            {
                [SessionKey("cur")]
                public string? {|TS0002:Currency|} { get; init; }

                public decimal {|TS0002:Total|} { get; private set; }

                public partial int {|TS0002:Step|} { get; init; }
            }
            """, """
            using TypedSessions;

            [SessionState]
            public partial class Checkout
            {
                [SessionKey("cur")]
                public partial string? Currency { get; set; }

                public partial decimal Total { get; private set; }

                public partial int Step { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Missing_accessor_is_added()
    {
        await Verifier.VerifyCodeFixAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int {|TS0002:Count|} { get; }
                public partial int {|TS0002:Limit|} { set; }
            }
            """, """
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                public partial int Count { get; set; }
                public partial int Limit { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Property_without_modifiers_keeps_its_leading_trivia()
    {
        await Verifier.VerifyCodeFixAsync("""
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                /// <summary>How many times the cart was shown.</summary>
                int {|TS0002:Views|} { get; set; }
            }
            """, """
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                /// <summary>How many times the cart was shown.</summary>
                partial int Views { get; set; }
            }
            """);
    }

    [Fact]
    public async Task Fix_all_rewrites_every_property_of_the_document()
    {
        await Verifier.VerifyCodeFixAsync("""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using TypedSessions;

            [SessionState]
            public sealed partial class Cart
            {
                public List<int> {|TS0002:ProductIds|} { get; set; }
                public string? {|TS0002:Coupon|} { get; init; }
                public partial int Count { get; set; }

                public int Distinct => ProductIds.Distinct().Count();
            }

            [SessionState("account")]
            public sealed partial class Account
            {
                public string? {|TS0002:UserName|} { get; set; }
                public DateTimeOffset? {|TS0002:SignedInAt|} { get; set; }
            }
            """, """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using TypedSessions;

            [SessionState]
            public sealed partial class Cart
            {
                public partial List<int> ProductIds { get; set; }
                public partial string? Coupon { get; set; }
                public partial int Count { get; set; }

                public int Distinct => ProductIds.Distinct().Count();
            }

            [SessionState("account")]
            public sealed partial class Account
            {
                public partial string? UserName { get; set; }
                public partial DateTimeOffset? SignedInAt { get; set; }
            }
            """);
    }

    [Fact]
    public async Task No_fix_where_the_meaning_would_change()
    {
        // An initializer cannot move to a partial property, and static, by-ref or hand-written ones are not fixable
        // by keywords alone: the diagnostics stay and the source is left as it is.
        const string source = """
            using System.Collections.Generic;
            using TypedSessions;

            [SessionState]
            public partial class Cart
            {
                private int _count;

                public int {|TS0002:Limit|} { get; set; } = 10;
                public static partial int {|TS0002:Created|} { get; set; }
                public partial ref int {|TS0002:Slot|} { get; }
                public partial int Count { get; set; }
                public partial int {|TS0002:Count|} { get => _count; set => _count = value; }
            }
            """;

        var test = new Verifier.Test { TestCode = source, FixedCode = source };
        await test.RunAsync();
    }
}
