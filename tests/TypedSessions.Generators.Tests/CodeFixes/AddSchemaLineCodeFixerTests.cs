using Microsoft.CodeAnalysis.Testing;
using Verifier = TypedSessions.Generators.Tests.Infrastructure.CodeFixVerifier<
    TypedSessions.Generators.Diagnostics.Analyzers.SessionSchemaAnalyzer,
    TypedSessions.CodeFixes.AddSchemaLineCodeFixer>;

namespace TypedSessions.Generators.Tests.CodeFixes;

/// <summary>
/// The TS0203 fix: the line the analyzer gives goes into SessionSchema.txt in key order, comments kept. TS0203 is found at
/// the end of the compilation, so its diagnostics are not local to a document, as the fix's own test framework prefers.
/// </summary>
public sealed class AddSchemaLineCodeFixerTests
{
    private const string Cart = """
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        [SessionState]
        public partial class Cart
        {
            public partial int {|TS0203:Count|} { get; set; }

            public partial List<string> Lines { get; set; }

            [SessionKey("cur")]
            public partial string? {|TS0203:Currency|} { get; set; }
        }
        """;

    [Fact]
    public async Task Missing_keys_are_recorded_in_key_order_among_the_existing_lines()
    {
        var test = new Verifier.Test { TestCode = Cart };
        test.TestState.AdditionalFiles.Add(("SessionSchema.txt", """
            # What the shipped app stores.
            Cart.Lines: System.Collections.Generic.List<string>

            """));
        test.FixedState.AdditionalFiles.Add(("SessionSchema.txt", """
            # What the shipped app stores.
            Cart.Count: int
            Cart.Lines: System.Collections.Generic.List<string>
            cur: string?

            """));
        test.FixedState.Sources.Add(Cart.Replace("{|TS0203:Count|}", "Count", StringComparison.Ordinal).Replace("{|TS0203:Currency|}", "Currency", StringComparison.Ordinal));
        test.NumberOfIncrementalIterations = 2;
        test.NumberOfFixAllIterations = 1;
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        await test.RunAsync();
    }

    [Fact]
    public async Task An_empty_schema_file_gets_every_key()
    {
        var test = new Verifier.Test { TestCode = Cart.Replace("public partial List<string> Lines", "public partial List<string> {|TS0203:Lines|}", StringComparison.Ordinal) };
        test.TestState.AdditionalFiles.Add(("SessionSchema.txt", ""));
        test.FixedState.AdditionalFiles.Add(("SessionSchema.txt", """
            Cart.Count: int
            Cart.Lines: System.Collections.Generic.List<string>
            cur: string?

            """));
        test.FixedState.Sources.Add(Cart.Replace("{|TS0203:Count|}", "Count", StringComparison.Ordinal).Replace("{|TS0203:Currency|}", "Currency", StringComparison.Ordinal));
        test.NumberOfIncrementalIterations = 3;
        test.NumberOfFixAllIterations = 1;
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        await test.RunAsync();
    }
}
