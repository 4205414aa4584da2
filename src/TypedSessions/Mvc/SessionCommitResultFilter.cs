using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace TypedSessions.Mvc;

/// <summary>
/// Saves the session after an MVC action or Razor Page handler and before its result is executed, so that a failed
/// save replaces the result with a proper 400, 409, 500 or 503. Changes made while the result executes (a view
/// reading TempData) are saved by the middleware afterwards.
/// </summary>
internal sealed class SessionCommitResultFilter : IAsyncAlwaysRunResultFilter
{
    public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
    {
        var httpContext = context.HttpContext;
        if (httpContext.Features.Get<TypedSessionFeature>() is { Session.IsLoaded: true } feature && !httpContext.Response.HasStarted)
        {
            var statusCode = context.Result is IStatusCodeActionResult { StatusCode: { } code } ? code : httpContext.Response.StatusCode;
            var outcome = await feature.Committer.SaveAsync(feature, statusCode).ConfigureAwait(false);
            if (outcome.IsFailure)
            {
                context.Result = new SessionFailureResult(outcome, feature.Committer.RetryAfter);
            }
        }

        await next().ConfigureAwait(false);
    }
}
