using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSessions.Samples.Shop.Pages;

public sealed class SignInModel : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    /// <summary>Where the cookie handler sent the visitor from, such as <c>/Devices</c>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    // An ordinary cookie sign-in with no session code: AddAuthenticationIntegration() moves the session to a fresh key,
    // keeps the cart and makes the session this user's. The demo trusts the name; a real shop checks a password here.
    public async Task<IActionResult> OnPostAsync()
    {
        var name = UserName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 40)
        {
            Error = "Enter a name of 1 to 40 characters.";
            return Page();
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, name), new Claim(ClaimTypes.Name, name)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(new ClaimsPrincipal(identity));
        return Url.IsLocalUrl(ReturnUrl) ? LocalRedirect(ReturnUrl) : RedirectToPage("/Index");
    }
}
