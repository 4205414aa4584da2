namespace TypedSessions.Stores.Tests.EndToEnd;

/// <summary>
/// The cart as the next deployment of <see cref="CartDeployments"/> declares it: <see cref="CartBeforeRename.Items"/>
/// renamed to <see cref="Lines"/>, which still reads the sessions the first deployment wrote.
/// </summary>
[SessionState("Cart")]
public sealed partial class CartAfterRename
{
    // Both deployments are compiled into this one test assembly; in an app, the old and the new class never are.
#pragma warning disable TS0004
    [FormerSessionKey("Cart.Items")]
    public partial List<string> Lines { get; set; }
#pragma warning restore TS0004

    public partial string? Note { get; set; }
}
