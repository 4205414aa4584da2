using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace TypedSessions.Tests.Mvc;

/// <summary>A controller that uses TempData's session provider and HttpContext.Session synchronously.</summary>
[LoadSession]
[Route("mvc")]
public sealed class TempDataController : Controller
{
    [HttpPost("flash")]
    public IActionResult Flash()
    {
        TempData["message"] = "saved!";
        return Ok("flashed");
    }

    [HttpGet("flash")]
    public IActionResult ReadFlash() => Ok(TempData["message"] as string ?? "none");

    [HttpGet("visits")]
    public IActionResult Visits()
    {
        var visits = (HttpContext.Session.GetInt32("visits") ?? 0) + 1;
        HttpContext.Session.SetInt32("visits", visits);
        return Ok(visits.ToString());
    }
}
