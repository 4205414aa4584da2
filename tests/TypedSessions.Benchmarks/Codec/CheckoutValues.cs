namespace TypedSessions.Benchmarks.Codec;

/// <summary>
/// The ten values of a <see cref="CheckoutState"/>, one per session key: what the write benchmarks serialize, and the
/// holder the read benchmarks fill in (reused, so only the reading itself allocates).
/// </summary>
public sealed class CheckoutValues
{
    public const int LineCount = 20;

    public int CustomerId;
    public int Visits;
    public long LoyaltyPoints;
    public string DisplayName = "";
    public string Currency = "";
    public string? Coupon;
    public Guid BasketId;
    public DateTimeOffset StartedAt;
    public CheckoutStep Step;
    public List<CheckoutLine> Lines = [];

    /// <summary>A visitor at the payment step with twenty lines in the basket.</summary>
    public static CheckoutValues Sample() => new()
    {
        CustomerId = 48_213,
        Visits = 7,
        LoyaltyPoints = 125_400,
        DisplayName = "Ada Lovelace",
        Currency = "EUR",
        Coupon = "SPRING-10",
        BasketId = new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"),
        StartedAt = new DateTimeOffset(2026, 3, 14, 9, 26, 53, 589, TimeSpan.FromHours(2)),
        Step = CheckoutStep.Payment,
        Lines = [.. Enumerable.Range(1, LineCount).Select(i => new CheckoutLine(1_000 + i, $"Product {i}", 1 + (i % 3), 4.99m + i))],
    };

    /// <summary>Whether every value equals <paramref name="other"/>'s, lines compared element by element.</summary>
    public bool SameAs(CheckoutValues other)
        => CustomerId == other.CustomerId
            && Visits == other.Visits
            && LoyaltyPoints == other.LoyaltyPoints
            && DisplayName == other.DisplayName
            && Currency == other.Currency
            && Coupon == other.Coupon
            && BasketId == other.BasketId
            && StartedAt == other.StartedAt
            && StartedAt.Offset == other.StartedAt.Offset
            && Step == other.Step
            && Lines.SequenceEqual(other.Lines);
}
