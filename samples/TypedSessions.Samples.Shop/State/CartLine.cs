namespace TypedSessions.Samples.Shop.State;

/// <summary>One product in the cart. Mutable on purpose: quantities change in place and the session notices.</summary>
public sealed class CartLine
{
    public int ProductId { get; set; }

    public int Quantity { get; set; }
}
