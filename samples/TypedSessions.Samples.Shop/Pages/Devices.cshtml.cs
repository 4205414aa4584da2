using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TypedSessions.Samples.Shop.Devices;

namespace TypedSessions.Samples.Shop.Pages;

/// <summary>
/// "Your devices": every session the signed-in user has, with buttons to sign one out or all but this one. A revoked
/// session's browser is signed out on its next request by AddAuthenticationIntegration().
/// </summary>
[Authorize]
public sealed class DevicesModel(ISessionManager sessions) : PageModel
{
    public IReadOnlyList<Device> Devices { get; private set; } = [];

    /// <summary>False when the store keeps no list of a user's sessions (the cookie store), so there is nothing to show.</summary>
    public bool Listed { get; private set; } = true;

    /// <summary>How many devices the last button signed out, shown once after its redirect.</summary>
    [FromQuery]
    public int? SignedOut { get; set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task OnGetAsync()
    {
        var session = await HttpContext.GetSessionAsync();
        var listed = await ListAsync();
        Listed = listed is not null;
        Devices = (listed ?? [])
            .Select(info => new Device(info, DeviceName.Describe(info.UserAgent), IsThisDevice: info.RecordId == session.RecordId))
            .OrderByDescending(device => device.IsThisDevice)
            .ThenByDescending(device => device.Info.LastSavedAt ?? device.Info.CreatedAt)
            .ToList();
    }

    // Only a record id from this user's own list is revoked: record ids are shown on pages, so one posted here may be
    // anybody's, and one user must never sign out another.
    public async Task<IActionResult> OnPostSignOutDeviceAsync(string recordId)
    {
        var session = await HttpContext.GetSessionAsync();
        var listed = await ListAsync();
        if (listed is null || recordId == session.RecordId || !listed.Any(info => info.RecordId == recordId))
        {
            return NotFound();
        }

        var revoked = await sessions.RevokeAsync(recordId, HttpContext.RequestAborted);
        return RedirectToPage(new { signedOut = revoked ? 1 : 0 });
    }

    public async Task<IActionResult> OnPostSignOutOthersAsync()
    {
        var session = await HttpContext.GetSessionAsync();
        try
        {
            var revoked = await sessions.RevokeUserSessionsAsync(UserId, exceptKey: session.Key, HttpContext.RequestAborted);
            return RedirectToPage(new { signedOut = revoked });
        }
        catch (NotSupportedException)
        {
            return NotFound();
        }
    }

    // Null when the store cannot list sessions by user: the page says so instead of failing.
    private async Task<IReadOnlyList<SessionInfo>?> ListAsync()
    {
        try
        {
            return await sessions.ListUserSessionsAsync(UserId, HttpContext.RequestAborted);
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>One row of the page.</summary>
    public sealed record Device(SessionInfo Info, string Name, bool IsThisDevice);
}
