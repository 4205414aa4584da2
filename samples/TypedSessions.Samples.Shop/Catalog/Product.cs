namespace TypedSessions.Samples.Shop.Catalog;

/// <summary>Something the shop sells.</summary>
public sealed record Product(int Id, string Name, string Description, decimal Price);
