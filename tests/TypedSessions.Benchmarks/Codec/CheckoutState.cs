namespace TypedSessions.Benchmarks.Codec;

/// <summary>
/// A realistic checkout state of ten properties, declared as an app declares it so that the generator picks the codecs
/// the benchmarks measure: ints, strings, a Guid, a DateTimeOffset, an enum and a list of small records.
/// </summary>
[SessionState("checkout")]
public sealed partial class CheckoutState
{
    public partial int CustomerId { get; set; }

    public partial int Visits { get; set; }

    public partial long LoyaltyPoints { get; set; }

    public partial string DisplayName { get; set; }

    public partial string Currency { get; set; }

    public partial string? Coupon { get; set; }

    public partial Guid BasketId { get; set; }

    public partial DateTimeOffset StartedAt { get; set; }

    public partial CheckoutStep Step { get; set; }

    public partial List<CheckoutLine> Lines { get; set; }
}
