using TypedSessions.Samples.Shop.Catalog;

namespace TypedSessions.Samples.Shop.State;

/// <summary>The cart priced against the catalog, for pages and the JSON API.</summary>
public sealed record CartView(IReadOnlyList<CartView.Line> Lines, int ItemCount, decimal Total)
{
    public static CartView From(Cart cart, ProductCatalog catalog)
    {
        var lines = cart.Lines
            .Select(line => (line, product: catalog.Find(line.ProductId)))
            .Where(pair => pair.product is not null)
            .Select(pair => new Line(pair.product!.Id, pair.product.Name, pair.line.Quantity, pair.product.Price * pair.line.Quantity))
            .ToList();
        return new CartView(lines, lines.Sum(line => line.Quantity), lines.Sum(line => line.Subtotal));
    }

    public sealed record Line(int ProductId, string Name, int Quantity, decimal Subtotal);
}
