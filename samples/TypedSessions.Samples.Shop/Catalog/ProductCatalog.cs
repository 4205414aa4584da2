namespace TypedSessions.Samples.Shop.Catalog;

/// <summary>The shop's fixed product list; a real shop would read a database.</summary>
public sealed class ProductCatalog
{
    public IReadOnlyList<Product> Products { get; } =
    [
        new(1, "Espresso beans", "Dark roast, 1 kg", 24.90m),
        new(2, "Pour-over kettle", "Gooseneck, 0.8 l", 39.00m),
        new(3, "Hand grinder", "Ceramic burrs", 58.50m),
        new(4, "Paper filters", "Pack of 100", 6.20m),
    ];

    public Product? Find(int id) => Products.FirstOrDefault(product => product.Id == id);
}
