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
        if (context.HttpContext.Features.Get<TypedSessionFeature>() is { } feature
            && await feature.Committer.SaveBeforeResultAsync(context.HttpContext, (context.Result as IStatusCodeActionResult)?.StatusCode).ConfigureAwait(false) is { } failure)
        {
            context.Result = failure;
        }

        await next().ConfigureAwait(false);
    }
}
