using Verifier = TypedSessions.Generators.Tests.Infrastructure.AnalyzerVerifier<TypedSessions.Generators.Diagnostics.Analyzers.MergeRuleMismatchAnalyzer>;

namespace TypedSessions.Generators.Tests.Diagnostics;

/// <summary>
/// TS0006: a <c>[SessionKey]</c> merge rule that the property's type gives nothing to apply to. Identity is looked up
/// in the elements of every collection the value holds (itself, or through its properties), by C# or JSON name,
/// case-insensitively as the merge matches it; Sum needs a number somewhere in the value.
/// </summary>
public sealed class MergeRuleMismatchAnalyzerTests
{
    private const string Types = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using TypedSessions;

        public sealed class CartLine
        {
            public int ProductId { get; set; }
            [JsonPropertyName("qty")] public int Quantity { get; set; }
        }

        public sealed class Wizard
        {
            public string? Step { get; set; }
            public List<CartLine> Picked { get; set; } = [];
        }

        public sealed class Profile
        {
            public string? Name { get; set; }
            public bool Subscribed { get; set; }
        }

        """;

    [Fact]
    public async Task Identities_that_the_elements_have_are_accepted_by_csharp_or_json_name_in_any_case()
    {
        await Verifier.VerifyAnalyzerAsync(Types + """
            [SessionState]
            public partial class Cart
            {
                [SessionKey(Identity = nameof(CartLine.ProductId))] public partial List<CartLine> Lines { get; set; }
                [SessionKey(Identity = "productId")] public partial CartLine[]? Saved { get; set; }
                [SessionKey(Identity = "QTY")] public partial IReadOnlyList<CartLine>? ByQuantity { get; set; }
                [SessionKey(Identity = "ProductId")] public partial Wizard? Wizard { get; set; }
                [SessionKey(OnConflict = SessionConflict.Sum)] public partial int Visits { get; set; }
                [SessionKey(OnConflict = SessionConflict.Sum)] public partial List<CartLine>? Summed { get; set; }
                [SessionKey(OnConflict = SessionConflict.Sum)] public partial Dictionary<string, decimal>? Totals { get; set; }
                [SessionKey(OnConflict = SessionConflict.Reject)] public partial string? Coupon { get; set; }
                [SessionKey("plain")] public partial string? Plain { get; set; }
            }
            """);
    }

    [Fact]
    public async Task An_identity_the_elements_lack_is_reported_on_the_argument()
    {
        await Verifier.VerifyAnalyzerAsync(Types + """
            [SessionState]
            public partial class Cart
            {
                [SessionKey({|#0:Identity = "Sku"|})] public partial List<CartLine> Lines { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0006").WithLocation(0).WithArguments(
                "Cart.Lines", "Identity = \"Sku\"", "the elements of its collections have no property 'Sku'; they are told apart by their whole value"));
    }

    [Fact]
    public async Task An_identity_on_a_value_without_collections_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Types + """
            [SessionState]
            public partial class Account
            {
                [SessionKey("profile", {|#0:Identity = "Name"|})] public partial Profile? Profile { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0006").WithLocation(0).WithArguments(
                "Account.Profile", "Identity = \"Name\"", "'Profile?' holds no collection whose elements it could tell apart"));
    }

    [Fact]
    public async Task Sum_on_a_value_without_numbers_is_reported()
    {
        await Verifier.VerifyAnalyzerAsync(Types + """
            [SessionState]
            public partial class Account
            {
                [SessionKey({|#0:OnConflict = SessionConflict.Sum|})] public partial string? Name { get; set; }
                [SessionKey({|#1:OnConflict = SessionConflict.Sum|})] public partial Profile? Profile { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0006").WithLocation(0).WithArguments(
                "Account.Name", "OnConflict = Sum", "'string?' holds no number; its conflicts are settled as LastWriterWins"),
            Verifier.Diagnostic("TS0006").WithLocation(1).WithArguments(
                "Account.Profile", "OnConflict = Sum", "'Profile?' holds no number; its conflicts are settled as LastWriterWins"));
    }

    [Fact]
    public async Task A_policy_that_is_no_member_and_an_empty_identity_are_reported_as_ignored()
    {
        await Verifier.VerifyAnalyzerAsync(Types + """
            [SessionState]
            public partial class Account
            {
                [SessionKey({|#0:OnConflict = (SessionConflict)7|})] public partial int Visits { get; set; }
                [SessionKey({|#1:OnConflict = (SessionConflict)(-1)|})] public partial int Logins { get; set; }
                [SessionKey({|#2:Identity = ""|})] public partial List<CartLine>? Lines { get; set; }
            }
            """,
            Verifier.Diagnostic("TS0006").WithLocation(0).WithArguments("Account.Visits", "OnConflict = 7", "that is no SessionConflict member; the rule is ignored"),
            Verifier.Diagnostic("TS0006").WithLocation(1).WithArguments("Account.Logins", "OnConflict = -1", "that is no SessionConflict member; the rule is ignored"),
            Verifier.Diagnostic("TS0006").WithLocation(2).WithArguments("Account.Lines", "Identity = \"\"", "an empty name names no property; the rule is ignored"));
    }
}
