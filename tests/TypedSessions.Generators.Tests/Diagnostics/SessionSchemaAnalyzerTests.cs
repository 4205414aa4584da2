using Microsoft.CodeAnalysis.Testing;
using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.SessionSchemaAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0201 and TS0203: the stored keys against SessionSchema.txt. A recorded key no property stores any more is reported
/// at its line; a stored key the file lacks is reported at its property, with the line to add.
/// </summary>
public sealed class SessionSchemaAnalyzerTests
{
    private const string Cart = """
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        public sealed record CartLine(int ProductId, int Quantity);

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }

            public partial List<CartLine> Lines { get; set; }

            [SessionKey("cur")]
            public partial string? Currency { get; set; }
        }
        """;

    [Fact]
    public async Task A_schema_that_records_every_stored_key_reports_nothing()
    {
        await VerifyAsync(Cart, """
            # What the shipped app stores: one line per key, sorted.
            Cart.Count: int
            Cart.Lines: System.Collections.Generic.List<Shop.CartLine>

            cur: string?
            """);
    }

    [Fact]
    public async Task A_renamed_property_leaves_its_recorded_key_unstored_and_its_new_key_unrecorded()
    {
        await VerifyAsync(Cart.Replace("Lines { get; set; }", "{|#0:Items|} { get; set; }", StringComparison.Ordinal), """
            Cart.Count: int
            Cart.Lines: System.Collections.Generic.List<Shop.CartLine>
            cur: string?
            """,
            Verifier.Diagnostic("TS0203").WithLocation(0).WithArguments("Cart.Items", "SessionSchema.txt", "Cart.Items: System.Collections.Generic.List<Shop.CartLine>"),
            Verifier.Diagnostic("TS0201").WithSpan("SessionSchema.txt", 2, 1, 2, 59).WithLocation(0).WithArguments("Cart.Lines", "SessionSchema.txt"));
    }

    [Fact]
    public async Task A_renamed_property_that_names_its_former_key_leaves_nothing_unread()
    {
        await VerifyAsync(Cart.Replace("public partial List<CartLine> Lines", "[FormerSessionKey(\"Cart.Lines\")] public partial List<CartLine> {|#0:Items|}", StringComparison.Ordinal), """
            Cart.Count: int
            Cart.Lines: System.Collections.Generic.List<Shop.CartLine>
            cur: string?
            """,
            Verifier.Diagnostic("TS0203").WithLocation(0).WithArguments("Cart.Items", "SessionSchema.txt", "Cart.Items: System.Collections.Generic.List<Shop.CartLine>"));
    }

    [Fact]
    public async Task A_removed_property_offers_no_property_to_carry_its_key_when_none_can_read_it()
    {
        await VerifyAsync(Cart.Replace("public partial int Count { get; set; }", "", StringComparison.Ordinal), """
            Cart.Count: int
            Cart.Lines: System.Collections.Generic.List<Shop.CartLine>
            cur: string?
            """,
            Verifier.Diagnostic("TS0201").WithSpan("SessionSchema.txt", 1, 1, 1, 16).WithArguments("Cart.Count", "SessionSchema.txt"));
    }

    [Fact]
    public async Task A_new_property_is_reported_with_the_line_that_records_it()
    {
        await VerifyAsync(Cart.Replace("public partial int Count", "public partial int {|#0:Count|}", StringComparison.Ordinal), """
            Cart.Lines: System.Collections.Generic.List<Shop.CartLine>
            cur: string?
            """,
            Verifier.Diagnostic("TS0203").WithLocation(0).WithArguments("Cart.Count", "SessionSchema.txt", "Cart.Count: int"));
    }

    [Fact]
    public async Task Without_a_schema_file_nothing_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Cart);
    }

    private static Task VerifyAsync(string source, string schema, params DiagnosticResult[] expected)
    {
        var test = new Verifier.Test { TestCode = source };
        test.TestState.AdditionalFiles.Add(("SessionSchema.txt", schema));
        test.ExpectedDiagnostics.AddRange(expected);

        // The suppression pass adds a #pragma line to the source but not to the expected additional location in it.
        test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        return test.RunAsync();
    }
}
