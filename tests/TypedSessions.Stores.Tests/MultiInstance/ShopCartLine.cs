namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>One line of a <see cref="ShopCart"/>.</summary>
public sealed class ShopCartLine
{
    public int Id { get; set; }

    public int Quantity { get; set; }
}
