namespace TypedSessions.Benchmarks.Codec;

/// <summary>One line of the basket: the small record that <see cref="CheckoutState.Lines"/> holds twenty of.</summary>
public sealed record CheckoutLine(int ProductId, string Name, int Quantity, decimal UnitPrice);
