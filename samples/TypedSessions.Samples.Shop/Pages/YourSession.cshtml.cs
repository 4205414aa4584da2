using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace TypedSessions.Samples.Shop.Pages;

public sealed class YourSessionModel : PageModel
{
    public string? Key { get; private set; }

    public string? RecordId { get; private set; }

    public DateTimeOffset ExpiryDate { get; private set; }

    public TimeSpan ExpiryAge { get; private set; }

    public bool AtBrowserClose { get; private set; }

    public IReadOnlyList<(string Key, string Json)> Decoded { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var session = await HttpContext.GetSessionAsync();
        Key = session.Key;
        RecordId = session.RecordId;
        ExpiryDate = session.ExpiryDate;
        ExpiryAge = session.ExpiryAge;
        AtBrowserClose = session.ExpiresAtBrowserClose;
        Decoded = session.ToDictionary().OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => (pair.Key, pair.Value.GetRawText())).ToList();
    }

    public Task<IActionResult> OnPostBrowserCloseAsync() => ChangeExpiryAsync(session => session.ExpireAtBrowserClose());

    public Task<IActionResult> OnPostOneHourAsync() => ChangeExpiryAsync(session => session.SetExpiry(TimeSpan.FromHours(1)));

    public Task<IActionResult> OnPostResetAsync() => ChangeExpiryAsync(session => session.ResetExpiry());

    private async Task<IActionResult> ChangeExpiryAsync(Action<Session> change)
    {
        change(await HttpContext.GetSessionAsync());
        return RedirectToPage();
    }
}
