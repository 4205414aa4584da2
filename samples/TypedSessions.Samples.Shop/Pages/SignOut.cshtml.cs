using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSessions.Samples.Shop.Pages;

public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    // AddAuthenticationIntegration() flushes the session with the sign-out: its record and both cookies are gone, so
    // nothing of the signed-in visit survives.
    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
