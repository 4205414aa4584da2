using TypedSessions.CodeFixes;
using TypedSessions.Generators.Diagnostics.Analyzers;
using TypedSessions.Generators.Tests.Infrastructure;

namespace TypedSessions.Generators.Tests.CodeFixes;

/// <summary>
/// The two TS0201 fixes, offered at the schema file's line: a rename gets <c>[FormerSessionKey]</c> on the property the
/// key most likely became (same class, a type that reads it, new keys before recorded ones, the closest name), after
/// which TS0201 is gone; a deliberate removal deletes the line.
/// </summary>
public sealed class SchemaKeyNoLongerStoredCodeFixerTests
{
    private const string Schema = """
        # What the shipped app stores.
        Cart.Count: int
        Cart.Lines: System.Collections.Generic.List<Shop.CartLine>
        Cart.Note: string?
        Cart.Total: decimal

        """;

    // Lines became Items. Saved (a list too, but its key is recorded) and Count (another type) are not the rename; nor
    // is Basket, a list of the same lines in another class.
    private const string Renamed = """
        using System.Collections.Generic;
        using TypedSessions;

        namespace Shop;

        public sealed record CartLine(int ProductId, int Quantity);

        [SessionState]
        public partial class Cart
        {
            public partial int Count { get; set; }

            /// <summary>The lines, in the order they were added.</summary>
            [SessionKey(Identity = nameof(CartLine.ProductId))]
            public partial List<CartLine> Items { get; set; }

            [SessionKey("Cart.Note")]
            public partial string? Saved { get; set; }

            public partial decimal Total { get; set; }
        }

        [SessionState]
        public partial class Wishlist
        {
            public partial List<CartLine> Lines { get; set; }
        }
        """;

    [Fact]
    public async Task A_rename_gets_the_former_key_on_the_property_it_most_likely_became_and_the_warning_goes()
    {
        using var fix = new AdditionalFileCodeFix(Renamed, "SessionSchema.txt", Schema);
        var diagnostic = Assert.Single(await fix.DiagnosticsAsync(new SessionSchemaAnalyzer(), "TS0201"));
        Assert.Equal("Session key 'Cart.Lines' is recorded in SessionSchema.txt but no property stores or reads it any more: every live session keeps a value nothing reads", diagnostic.GetMessage());

        var (titles, fixedProject) = await fix.ApplyAsync(new AddFormerSessionKeyCodeFixer(), diagnostic);

        Assert.Equal(["Read 'Cart.Lines' as a former key of 'Items'"], titles);
        var source = (await fixedProject.Documents.Single().GetTextAsync()).ToString();
        Assert.Equal(Renamed.Replace("""
                /// <summary>The lines, in the order they were added.</summary>
                [SessionKey(Identity = nameof(CartLine.ProductId))]
            """, """
                /// <summary>The lines, in the order they were added.</summary>
                [FormerSessionKey("Cart.Lines")]
                [SessionKey(Identity = nameof(CartLine.ProductId))]
            """, StringComparison.Ordinal), source);
        Assert.Equal(Schema, (await fixedProject.AdditionalDocuments.Single().GetTextAsync()).ToString());

        using var after = new AdditionalFileCodeFix(source, "SessionSchema.txt", Schema);
        Assert.Empty(await after.DiagnosticsAsync(new SessionSchemaAnalyzer(), "TS0201"));
        Assert.Empty(await after.DiagnosticsAsync(new SessionSchemaAnalyzer(), "TS0202"));
    }

    [Fact]
    public async Task A_property_without_attributes_gets_the_attribute_on_its_own_line_and_a_file_without_the_import_a_qualified_name()
    {
        var source = """
            namespace Shop
            {
                [TypedSessions.SessionState]
                public partial class Cart
                {
                    // Renamed from Amount.
                    public partial decimal Sum { get; set; }
                }
            }
            """;
        using var fix = new AdditionalFileCodeFix(source, "SessionSchema.txt", "Cart.Amount: int\n");
        var diagnostic = Assert.Single(await fix.DiagnosticsAsync(new SessionSchemaAnalyzer(), "TS0201"));

        var (_, fixedProject) = await fix.ApplyAsync(new AddFormerSessionKeyCodeFixer(), diagnostic);

        Assert.Equal(source.Replace("""
                    // Renamed from Amount.
                    public partial decimal Sum
            """, """
                    // Renamed from Amount.
                    [TypedSessions.FormerSessionKey("Cart.Amount")]
                    public partial decimal Sum
            """, StringComparison.Ordinal), (await fixedProject.Documents.Single().GetTextAsync()).ToString());
    }

    [Fact]
    public async Task No_property_is_offered_when_none_can_read_the_recorded_type()
    {
        using var fix = new AdditionalFileCodeFix(Renamed, "SessionSchema.txt", Schema.Replace("Cart.Lines: System.Collections.Generic.List<Shop.CartLine>", "Cart.Lines: System.Guid", StringComparison.Ordinal));
        var diagnostic = Assert.Single(await fix.DiagnosticsAsync(new SessionSchemaAnalyzer(), "TS0201"));

        var (titles, _) = await fix.ApplyAsync(new AddFormerSessionKeyCodeFixer(), diagnostic);

        Assert.Empty(titles);
    }

    [Fact]
    public async Task A_deliberate_removal_deletes_the_line()
    {
        using var fix = new AdditionalFileCodeFix(Renamed, "SessionSchema.txt", Schema);
        var diagnostic = Assert.Single(await fix.DiagnosticsAsync(new SessionSchemaAnalyzer(), "TS0201"));

        var (titles, fixedProject) = await fix.ApplyAsync(new RemoveSchemaLineCodeFixer(), diagnostic);

        Assert.Equal(["Remove the line: the key is no longer stored on purpose"], titles);
        Assert.Equal("""
            # What the shipped app stores.
            Cart.Count: int
            Cart.Note: string?
            Cart.Total: decimal

            """, (await fixedProject.AdditionalDocuments.Single().GetTextAsync()).ToString());
        Assert.Equal(Renamed, (await fixedProject.Documents.Single().GetTextAsync()).ToString());
    }
}
