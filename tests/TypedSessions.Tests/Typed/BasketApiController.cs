using Microsoft.AspNetCore.Mvc;

namespace TypedSessions.Tests.Typed;

/// <summary>An API controller that takes session state as an action parameter.</summary>
[ApiController]
[Route("api/basket")]
public sealed class BasketApiController : ControllerBase
{
    [HttpPost("items")]
    public IActionResult Add([FromQuery] string item, Basket basket)
    {
        basket.Items.Add(item);
        return Ok(basket.Items.Count);
    }

    [HttpGet("items")]
    public IActionResult List(Basket basket) => Ok(string.Join(",", basket.Items));
}
