namespace TypedSessions.Benchmarks.Merging;

/// <summary>A cart as the shop declares it: lines told apart by product.</summary>
[SessionState("cart")]
public sealed partial class BenchmarkCart
{
    [SessionKey(Identity = nameof(BenchmarkCartLine.ProductId))]
    public partial List<BenchmarkCartLine> Lines { get; set; }
}

public sealed class BenchmarkCartLine
{
    public int ProductId { get; set; }

    public string Name { get; set; } = "";

    public int Quantity { get; set; }
}
