namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>The cart as the first deployment of <see cref="CartDeployments"/> stores it, under <c>Cart.Items</c>.</summary>
[SessionState("Cart")]
public sealed partial class CartBeforeRename
{
    public partial List<string> Items { get; set; }
}
