namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// The cart as the next deployment of <see cref="CartDeployments"/> declares it: <see cref="CartBeforeRename.Items"/>
/// renamed to <see cref="Lines"/>, which still reads the sessions the first deployment wrote.
/// </summary>
[SessionState("Cart")]
public sealed partial class CartAfterRename
{
    [FormerSessionKey("Cart.Items")]
    public partial List<string> Lines { get; set; }

    public partial string? Note { get; set; }
}
