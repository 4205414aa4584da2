namespace TypedSessions.Tests.Typed;

/// <summary>
/// A cart whose properties were renamed since an earlier deployment stored them as <c>Cart.Items</c>,
/// <c>Cart.Count</c> (or, before that, <c>legacy.count</c>) and <c>Cart.Tag</c>.
/// </summary>
[SessionState("Cart")]
public sealed partial class RenamedCart
{
    [FormerSessionKey("Cart.Items")]
    public partial List<string> Lines { get; set; }

    [FormerSessionKey("Cart.Count")]
    [FormerSessionKey("legacy.count")]
    public partial int Quantity { get; set; }

    [FormerSessionKey("Cart.Tag")]
    public partial string? Label { get; set; }

    public partial string? Note { get; set; }
}
