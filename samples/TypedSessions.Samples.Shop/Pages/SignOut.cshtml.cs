using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSessions.Samples.Shop.Pages;

public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    // Flushing deletes the stored session and the cookie: nothing of the signed-in visit survives.
    public async Task<IActionResult> OnPostAsync()
    {
        var session = await HttpContext.GetSessionAsync();
        await session.FlushAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Index");
    }
}
