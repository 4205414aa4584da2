using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TypedSessions.Samples.Shop.Catalog;
using TypedSessions.Samples.Shop.State;

namespace TypedSessions.Samples.Shop.Pages;

public sealed class CartModel(ProductCatalog catalog) : PageModel
{
    public CartView View { get; private set; } = new([], 0, 0m);

    public void OnGet(Cart cart) => View = CartView.From(cart, catalog);

    public IActionResult OnPostChange(int productId, int delta, Cart cart)
    {
        cart.ChangeQuantity(productId, Math.Clamp(delta, -1, 1));
        return RedirectToPage();
    }

    public IActionResult OnPostEmpty(Cart cart)
    {
        cart.Lines.Clear();
        return RedirectToPage();
    }
}
