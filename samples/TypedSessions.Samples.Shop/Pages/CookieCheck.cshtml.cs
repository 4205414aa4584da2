using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSessions.Samples.Shop.Pages;

public sealed class CookieCheckModel : PageModel
{
    public bool? Outcome { get; private set; }

    // A GET, not a form post: antiforgery needs cookies itself, so a post could never report that cookies are off.
    public async Task OnGetAsync([FromQuery] bool check)
    {
        var session = await HttpContext.GetSessionAsync();
        if (!check)
        {
            session.SetTestCookie();
            return;
        }

        Outcome = session.TestCookieWorked();
        if (Outcome == true)
        {
            session.DeleteTestCookie();
        }
    }
}
