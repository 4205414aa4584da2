using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TypedSessions.Samples.Shop.Catalog;
using TypedSessions.Samples.Shop.State;

namespace TypedSessions.Samples.Shop.Pages;

public sealed class IndexModel(ProductCatalog catalog) : PageModel
{
    public ProductCatalog Catalog { get; } = catalog;

    [FromQuery]
    public string? Added { get; set; }

    public void OnGet()
    {
    }

    // The Cart parameter is bound from the session, loaded asynchronously before the handler runs.
    public IActionResult OnPostAdd(int productId, Cart cart)
    {
        if (Catalog.Find(productId) is not { } product)
        {
            return NotFound();
        }

        cart.Add(productId);
        return RedirectToPage(new { added = product.Name });
    }
}
