namespace TypedSessions.Benchmarks.Codec;

/// <summary>Where a visitor is in the checkout: an enum property of <see cref="CheckoutState"/>.</summary>
public enum CheckoutStep
{
    Cart,
    Shipping,
    Payment,
    Review,
}
