namespace TypedSessions.Stores.Tests.MultiInstance;

/// <summary>A cart as one session key: its lines are told apart by <see cref="ShopCartLine.Id"/> when two saves are merged.</summary>
public sealed class ShopCart
{
    public List<ShopCartLine> Lines { get; set; } = [];
}
