namespace TypedSessions.Samples.Shop.State;

/// <summary>The visitor's cart, stored in the session under <c>Cart.Lines</c>.</summary>
/// <remarks>
/// The interface is named here, not only in the generated part, because the shop's JSON API is bound by the Request
/// Delegate Generator, which sees the code people write but not what other generators add (TS0106).
/// </remarks>
[SessionState]
public sealed partial class Cart : ISessionState<Cart>
{
    /// <summary>
    /// The lines, changed in place by the methods below; no write-back call is needed. Two tabs that change the cart at
    /// once both keep their change: lines are told apart by product when concurrent saves merge, so a line added in one
    /// tab and a quantity raised in the other both stay.
    /// </summary>
    [SessionKey(Identity = nameof(CartLine.ProductId))]
    public partial List<CartLine> Lines { get; set; }

    public int ItemCount => Lines.Sum(line => line.Quantity);

    public void Add(int productId)
    {
        var line = Lines.Find(candidate => candidate.ProductId == productId);
        if (line is null)
        {
            Lines.Add(new CartLine { ProductId = productId, Quantity = 1 });
        }
        else
        {
            line.Quantity++;
        }
    }

    public void ChangeQuantity(int productId, int delta)
    {
        var line = Lines.Find(candidate => candidate.ProductId == productId);
        if (line is null)
        {
            return;
        }

        line.Quantity += delta;
        if (line.Quantity <= 0)
        {
            Lines.Remove(line);
        }
    }
}
