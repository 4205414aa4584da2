using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace TypedSessions.Samples.Shop;

/// <summary>
/// A friendly page for the session errors a shopper can meet (400, 409, 503), for browsers asking for HTML; TypedSessions
/// marks its problem details with a <c>sessionFailure</c> member, and other errors are left to the default writer. The
/// JSON API under <c>/api</c> keeps the standard problem details. Plain HTML rather than a Razor page: the layout reads the
/// session, which is exactly what may be unavailable here.
/// </summary>
internal sealed class SessionErrorPageWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        return context.ProblemDetails.Extensions.ContainsKey("sessionFailure")
            && !request.Path.StartsWithSegments("/api")
            && request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var (heading, advice) = response.StatusCode switch
        {
            StatusCodes.Status409Conflict => ("Your cart changed in another tab", "Nothing from this click was saved. Reload the page to see your cart as it is now, then try again."),
            StatusCodes.Status400BadRequest => ("Your session has ended", "You signed out in another tab or window, so this change was not saved. Start again from the shop."),
            StatusCodes.Status503ServiceUnavailable => ("We can't reach your cart right now", $"This page could not be completed. If you were changing your cart, the change may not have been saved. Please try again in {RetryAfter(response)}."),
            _ => ("Something went wrong", "Your change was not saved. Please try again."),
        };
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8" /><title>{{WebUtility.HtmlEncode(heading)}} · TypedSessions shop</title><link rel="stylesheet" href="/site.css" /></head>
            <body>
            <header><a class="brand" href="/">TypedSessions shop</a></header>
            <main>
            <h1 id="error-heading">{{WebUtility.HtmlEncode(heading)}}</h1>
            <p class="error" id="error-advice">{{WebUtility.HtmlEncode(advice)}}</p>
            <p><a href="/" id="back-to-shop">Back to the shop</a> · <a href="/Cart">Your cart</a></p>
            </main>
            </body>
            </html>
            """);
    }

    private static string RetryAfter(HttpResponse response)
        => int.TryParse(response.Headers[HeaderNames.RetryAfter], out var seconds) && seconds > 1 ? $"{seconds} seconds" : "a moment";
}
