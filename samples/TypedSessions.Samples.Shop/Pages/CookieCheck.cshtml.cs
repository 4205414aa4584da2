using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSessions.Samples.Shop.Pages;

public sealed class CookieCheckModel : PageModel
{
    public bool? Outcome { get; private set; }

    public async Task OnGetAsync() => (await HttpContext.GetSessionAsync()).SetTestCookie();

    public async Task OnPostAsync()
    {
        var session = await HttpContext.GetSessionAsync();
        Outcome = session.TestCookieWorked();
        if (Outcome == true)
        {
            session.DeleteTestCookie();
        }
        else
        {
            session.SetTestCookie();
        }
    }
}
