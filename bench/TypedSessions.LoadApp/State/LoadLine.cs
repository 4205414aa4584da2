namespace TypedSessions.LoadApp.State;

/// <summary>One line of <see cref="LoadState.Lines"/>: a small record, changed in place.</summary>
public sealed class LoadLine
{
    public int ProductId { get; set; }

    public string Name { get; set; } = "";

    public int Quantity { get; set; }

    public decimal Price { get; set; }
}
