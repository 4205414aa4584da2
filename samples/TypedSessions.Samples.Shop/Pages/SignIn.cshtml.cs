using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TypedSessions.Samples.Shop.State;

namespace TypedSessions.Samples.Shop.Pages;

public sealed class SignInModel : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = UserName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 40)
        {
            Error = "Enter a name of 1 to 40 characters.";
            return Page();
        }

        var session = await HttpContext.GetSessionAsync();
        await session.CycleKeyAsync(HttpContext.RequestAborted);
        var account = session.GetState<Account>();
        account.UserName = name;
        account.SignedInAt = DateTimeOffset.UtcNow;
        return RedirectToPage("/Index");
    }
}
