namespace TypedSessions.LoadApp.State;

/// <summary>
/// The session every load request uses: an int, two strings, a Guid and a list of 20 small records. Stored under
/// <c>load.Count</c>, <c>load.Name</c>, <c>load.Currency</c>, <c>load.VisitorId</c> and <c>load.Lines</c>; the ASP.NET
/// Core Session endpoints use the same keys, one <c>ISession</c> entry each, with the same JSON.
/// </summary>
[SessionState("load")]
public sealed partial class LoadState
{
    public partial int Count { get; set; }

    public partial string? Name { get; set; }

    public partial string? Currency { get; set; }

    public partial Guid VisitorId { get; set; }

    /// <summary>The lines, changed in place by <c>POST /list</c>; told apart by product when concurrent saves merge.</summary>
    [SessionKey(Identity = nameof(LoadLine.ProductId))]
    public partial List<LoadLine> Lines { get; set; }
}
