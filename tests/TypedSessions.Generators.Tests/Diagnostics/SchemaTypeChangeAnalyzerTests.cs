using Microsoft.CodeAnalysis.Testing;
using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.SessionSchemaAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0202 in real compilations: a property whose type changed since the schema recorded its key, or a renamed property
/// whose type cannot read its former key. The compatible changes the rule promises report nothing.
/// </summary>
public sealed class SchemaTypeChangeAnalyzerTests
{
    private const string Schema = """
        Cart.Count: int
        Cart.Lines: System.Collections.Generic.List<Shop.CartLine>
        Cart.Note: string
        """;

    [Theory]
    [InlineData("long", "System.Collections.Generic.List<CartLine>", "string")]
    [InlineData("int?", "CartLine[]", "string?")]
    [InlineData("decimal", "System.Collections.Generic.IReadOnlyList<CartLine>", "string")]
    public async Task Compatible_type_changes_report_nothing(string count, string lines, string note)
        => await VerifyAsync(Cart(count, lines, note), Schema);

    [Fact]
    public async Task A_record_that_gains_an_optional_member_still_reads_its_stored_values()
        => await VerifyAsync(
            Cart("int", "System.Collections.Generic.List<CartLine>", "string").Replace("int Quantity)", "int Quantity, string? GiftNote = null)", StringComparison.Ordinal),
            Schema);

    [Fact]
    public async Task A_number_that_became_a_string_is_reported_at_the_property()
        => await VerifyAsync(Cart("string", "System.Collections.Generic.List<CartLine>", "string").Replace(" Count ", " {|#0:Count|} ", StringComparison.Ordinal), Schema,
            Verifier.Diagnostic("TS0202").WithLocation(0).WithArguments("Count", "string", "int", "Cart.Count", "SessionSchema.txt"));

    [Fact]
    public async Task A_list_that_became_a_scalar_is_reported_at_the_property()
        => await VerifyAsync(Cart("int", "CartLine", "string").Replace(" Lines ", " {|#0:Lines|} ", StringComparison.Ordinal), Schema,
            Verifier.Diagnostic("TS0202").WithLocation(0).WithArguments("Lines", "Shop.CartLine", "System.Collections.Generic.List<Shop.CartLine>", "Cart.Lines", "SessionSchema.txt"));

    [Fact]
    public async Task A_narrower_number_is_reported()
        => await VerifyAsync(Cart("short", "System.Collections.Generic.List<CartLine>", "string").Replace(" Count ", " {|#0:Count|} ", StringComparison.Ordinal), Schema,
            Verifier.Diagnostic("TS0202").WithLocation(0).WithArguments("Count", "short", "int", "Cart.Count", "SessionSchema.txt"));

    [Fact]
    public async Task A_renamed_property_must_read_what_its_former_key_holds()
    {
        var source = Cart("int", "System.Collections.Generic.List<CartLine>", "string")
            .Replace("public partial string Note", "[FormerSessionKey(\"Cart.Lines\")] public partial string {|#0:Note|}", StringComparison.Ordinal);
        await VerifyAsync(source, Schema,
            Verifier.Diagnostic("TS0202").WithLocation(0).WithArguments("Note", "string", "System.Collections.Generic.List<Shop.CartLine>", "Cart.Lines", "SessionSchema.txt"));
    }

    private static string Cart(string count, string lines, string note) => $$"""
        using TypedSessions;

        namespace Shop;

        public sealed record CartLine(int ProductId, int Quantity);

        [SessionState]
        public partial class Cart
        {
            public partial {{count}} Count { get; set; }

            public partial {{lines}} Lines { get; set; }

            public partial {{note}} Note { get; set; }
        }
        """;

    private static Task VerifyAsync(string source, string schema, params DiagnosticResult[] expected)
    {
        var test = new Verifier.Test { TestCode = source };
        test.TestState.AdditionalFiles.Add(("SessionSchema.txt", schema));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
